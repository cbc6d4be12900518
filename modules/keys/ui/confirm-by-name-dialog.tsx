"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { AlertTriangle } from "lucide-react";
import { useId, useState, type FormEvent, type ReactNode } from "react";

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
 * A destructive action's dialog: the consequences in words, then the tenant's slug typed
 * exactly before the button enables. Radix traps focus inside and closes on Escape.
 */
export function ConfirmByNameDialog(props: Props) {
  const { slug, open, onOpenChange, pending, error, valid = true, showTrigger = true } = props;
  const [typed, setTyped] = useState("");
  const inputId = useId();
  const hintId = useId();
  const matches = typed === slug;

  function change(next: boolean) {
    if (!next) setTyped("");
    onOpenChange(next);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (matches && valid && !pending) props.onConfirm(typed);
  }

  return (
    <Dialog.Root open={open} onOpenChange={change}>
      {showTrigger && (
        <Dialog.Trigger className="rounded-md border border-red-400 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 dark:border-red-700 dark:text-red-200 dark:hover:bg-red-950">
          {props.trigger}
        </Dialog.Trigger>
      )}
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-black/50" />
        <Dialog.Content
          onCloseAutoFocus={props.onCloseAutoFocus}
          className="fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[min(34rem,92vw)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-6 shadow-xl dark:bg-slate-900"
        >
          <Dialog.Title className="flex items-center gap-2 text-lg font-semibold">
            <AlertTriangle aria-hidden className="size-5 text-red-700 dark:text-red-400" /> {props.title}
          </Dialog.Title>
          <Dialog.Description asChild>
            <div className="mt-3 space-y-2 text-sm text-slate-700 dark:text-slate-300">{props.consequences}</div>
          </Dialog.Description>
          <form onSubmit={submit} className="mt-4 space-y-4">
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
            {error && (
              <p
                role="alert"
                className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
              >
                {error}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <Dialog.Close
                type="button"
                className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700"
              >
                Cancel
              </Dialog.Close>
              <button
                type="submit"
                disabled={!matches || !valid || pending}
                className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:cursor-not-allowed disabled:opacity-50"
              >
                {pending ? props.pendingText : props.submit}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
