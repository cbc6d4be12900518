"use client";

import { useId, useState, type ReactNode } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";

interface Props {
  /** Text of the button that opens the dialog. */
  trigger: string;
  title: string;
  /** What happens, in plain words: what stops working and who is affected. */
  consequences: ReactNode;
  /** Extra fields above the confirmation (e.g. the number of days). */
  fields?: ReactNode;
  /** The tenant's slug, which the admin must type exactly. */
  slug: string;
  submit: string;
  pendingText: string;
  /** False while the extra fields are invalid. */
  valid?: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: (typed: string) => void;
  pending: boolean;
  error: string | null;
  /**
   * False hides the trigger but keeps the dialog mounted: after a successful change the key's
   * new state hides the trigger, and the closing dialog must still run onCloseAutoFocus.
   */
  showTrigger?: boolean;
  /** Where focus goes when the dialog closes (after success, the trigger may be gone). */
  onCloseAutoFocus?: (event: Event) => void;
}

/**
 * A destructive action's dialog (the kit's ConfirmDialog): the consequences in words, then the
 * tenant's slug typed exactly before the button enables.
 */
export function ConfirmByNameDialog(props: Props) {
  const { slug, valid = true } = props;
  const [typed, setTyped] = useState("");
  const inputId = useId();
  const hintId = useId();
  const matches = typed === slug;

  return (
    <ConfirmDialog
      trigger={props.trigger}
      showTrigger={props.showTrigger}
      tone="danger"
      wide
      title={props.title}
      description={props.consequences}
      confirmLabel={props.submit}
      pendingLabel={props.pendingText}
      ready={matches && valid}
      pending={props.pending}
      error={props.error}
      open={props.open}
      onOpenChange={(next) => {
        if (!next) setTyped("");
        props.onOpenChange(next);
      }}
      onConfirm={() => props.onConfirm(typed)}
      onCloseAutoFocus={props.onCloseAutoFocus}
    >
      {props.fields}
      <div>
        <label htmlFor={inputId} className="block text-sm font-medium">
          Type the tenant&apos;s name,{" "}
          <code className="rounded bg-slate-100 px-1 font-mono dark:bg-slate-800">{slug}</code>, to confirm
        </label>
        <input
          id={inputId}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          aria-describedby={hintId}
          aria-invalid={typed.length > 0 && !matches}
          className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 font-mono text-sm dark:border-slate-700 dark:bg-slate-950"
        />
        <p id={hintId} className="mt-1 text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
          {typed.length === 0
            ? "The button unlocks when the name matches exactly."
            : matches
              ? "The name matches."
              : "The name does not match yet."}
        </p>
      </div>
    </ConfirmDialog>
  );
}
