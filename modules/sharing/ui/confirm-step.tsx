"use client";

import { useId, useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";

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

/** A workflow step behind a confirmation that names its consequences (the kit's ConfirmDialog). */
export function ConfirmStep(props: Props) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const reasonId = useId();
  const ready = !props.needsReason || reason.trim().length > 0;

  async function confirm() {
    setError(null);
    try {
      await props.onConfirm(props.needsReason ? reason.trim() : undefined);
      setOpen(false);
      setReason("");
    } catch (err) {
      setError(err instanceof Error ? err.message : "The step failed.");
    }
  }

  return (
    <ConfirmDialog
      trigger={props.trigger}
      triggerDisabled={props.disabled}
      tone={props.tone}
      title={props.title}
      description={props.consequences}
      confirmLabel={props.submit}
      ready={ready}
      pending={props.pending}
      error={error}
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setError(null);
      }}
      onConfirm={() => void confirm()}
    >
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
    </ConfirmDialog>
  );
}
