import { CalendarClock, Flame, ShieldCheck, ShieldOff, type LucideIcon } from "lucide-react";
import type { Ref } from "react";
import { stateWords, type KeyState } from "@/modules/keys/ui/key-format";
import { stateReason } from "@/modules/keys/ui/key-state-words";
import { WordsText } from "@/modules/keys/ui/words";
import type { KeySummary } from "@/modules/keys/client";

const LOOK: Record<KeyState, { Icon: LucideIcon; tone: string }> = {
  enabled: {
    Icon: ShieldCheck,
    tone: "border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100",
  },
  disabled: {
    Icon: ShieldOff,
    tone: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
  },
  pending_deletion: {
    Icon: CalendarClock,
    tone: "border-orange-300 bg-orange-50 text-orange-950 dark:border-orange-800 dark:bg-orange-950 dark:text-orange-100",
  },
  destroyed: {
    Icon: Flame,
    tone: "border-slate-400 bg-slate-200 text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100",
  },
};

/**
 * The key's state in large type, with colour, an icon and words (never colour alone), and why it
 * is in it: since when, the change that set it (a cancelled deletion says so) and who made it.
 * It takes focus after an action, so keyboard and screen-reader users land on the new state.
 */
export function KeyStateBanner({ keyView, focusRef }: { keyView: KeySummary; focusRef?: Ref<HTMLDivElement> }) {
  const { Icon, tone } = LOOK[keyView.state];
  const words = stateWords(keyView);
  const reason = keyView.state_change?.reason ?? "unknown";
  return (
    <div
      ref={focusRef}
      tabIndex={-1}
      className={`rounded-lg border p-4 ${tone}`}
      data-testid="key-state"
      data-state={keyView.state}
    >
      <p className="text-xs font-semibold uppercase tracking-wide opacity-80">Key state</p>
      <p className="mt-1 flex items-center gap-3 text-3xl font-bold leading-tight">
        <Icon aria-hidden className="size-8 shrink-0" />
        <span data-testid="key-state-title">{words.title}</span>
      </p>
      <p className="mt-2 max-w-3xl text-sm font-medium" data-testid="key-state-reason" data-reason={reason}>
        <WordsText words={stateReason(keyView)} />
      </p>
      <p className="mt-1 max-w-3xl text-sm">{words.meaning}</p>
    </div>
  );
}
