import { Ban, CheckCircle2, CircleAlert, Clock, XCircle } from "lucide-react";
import type { ReactNode } from "react";
import { Time } from "@/components/ui/time";

/** Small status pieces shared by the audit pages: always an icon and words, never colour alone. */

const TONE = {
  ok: "bg-green-50 text-green-800 ring-green-600/20 dark:bg-green-950 dark:text-green-200 dark:ring-green-400/30",
  bad: "bg-red-50 text-red-800 ring-red-600/20 dark:bg-red-950 dark:text-red-200 dark:ring-red-400/30",
  warn: "bg-amber-50 text-amber-900 ring-amber-600/20 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-400/30",
  neutral: "bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-400/30",
} as const;

export type Tone = keyof typeof TONE;

export function Pill({ tone, icon, children }: { tone: Tone; icon: ReactNode; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${TONE[tone]}`}
    >
      {icon}
      {children}
    </span>
  );
}

const OUTCOMES: Record<string, { tone: Tone; label: string; Icon: typeof CheckCircle2 }> = {
  success: { tone: "ok", label: "Success", Icon: CheckCircle2 },
  failure: { tone: "bad", label: "Failed", Icon: XCircle },
  denied: { tone: "warn", label: "Denied", Icon: Ban },
};

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const known = OUTCOMES[outcome];
  if (!known)
    return (
      <Pill tone="neutral" icon={<CircleAlert aria-hidden className="size-3" />}>
        {outcome}
      </Pill>
    );
  const { tone, label, Icon } = known;
  return (
    <Pill tone={tone} icon={<Icon aria-hidden className="size-3" />}>
      {label}
    </Pill>
  );
}

export function PendingBadge() {
  return (
    <Pill tone="neutral" icon={<Clock aria-hidden className="size-3" />}>
      pending integration
    </Pill>
  );
}

/** A moment on the audit pages, in the one format ("3 Dec 2026, 14:05 UTC"), from a Date or an ISO string. */
export function UtcTime({
  value,
  className,
  stacked,
}: {
  value: Date | string | null;
  className?: string;
  stacked?: boolean;
}) {
  const iso = value === null ? null : typeof value === "string" ? value : value.toISOString();
  return (
    <Time
      iso={iso}
      stacked={stacked}
      className={`tabular-nums ${stacked ? "" : "whitespace-nowrap"} ${className ?? ""}`.trim()}
    />
  );
}
