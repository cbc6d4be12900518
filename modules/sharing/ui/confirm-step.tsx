"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useId, useState, type FormEvent } from "react";

interface Props {
  trigger: string;
  title: string;
  /** What the step does, in plain words: who is affected and what changes. */
  consequences: string;
  submit: string;
  /** Steps that send a version back ask why; the reason goes into the audit log. */
  needsReason?: boolean;
  tone?: "primary" | "danger";
  disabled?: boolean;
  pending: boolean;
  onConfirm: (reason: string | undefined) => Promise<unknown>;
}

/** A workflow step behind a confirmation that names its consequences. */
export function ConfirmStep(props: Props) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const reasonId = useId();
  const ready = !props.needsReason || reason.trim().length > 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready || props.pending) return;
    setError(null);
    try {
      await props.onConfirm(props.needsReason ? reason.trim() : undefined);
      setOpen(false);
      setReason("");
    } catch (err) {
      setError(err instanceof Error ? err.message : "The step failed.");
    }
  }

  const triggerClass =
    props.tone === "danger"
      ? "border border-red-400 text-red-800 hover:bg-red-50 dark:border-red-700 dark:text-red-200 dark:hover:bg-red-950"
      : "bg-blue-700 text-white hover:bg-blue-800";
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setError(null);
      }}
    >
      <Dialog.Trigger
        disabled={props.disabled}
        className={`rounded-md px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50 ${triggerClass}`}
      >
        {props.trigger}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-black/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(32rem,92vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl dark:bg-slate-900">
          <Dialog.Title className="text-lg font-semibold">{props.title}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-700 dark:text-slate-300">
            {props.consequences}
          </Dialog.Description>
          <form onSubmit={submit} className="mt-4 space-y-3">
            {props.needsReason && (
              <div>
                <label htmlFor={reasonId} className="block text-sm font-medium">
                  Reason (recorded in the audit log)
                </label>
                <textarea
                  id={reasonId}
                  required
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  rows={3}
                  className="mt-1 w-full rounded border border-slate-300 p-2 text-sm dark:border-slate-700 dark:bg-slate-950"
                />
              </div>
            )}
            {error && (
              <p role="alert" className="text-sm text-red-700 dark:text-red-300">
                {error}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <Dialog.Close className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700">
                Cancel
              </Dialog.Close>
              <button
                type="submit"
                disabled={!ready || props.pending}
                className={`rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-50 ${triggerClass}`}
              >
                {props.pending ? "Working…" : props.submit}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
