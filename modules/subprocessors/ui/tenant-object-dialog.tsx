"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormField, fieldAria, inputClass } from "@/components/ui/field";
import { formatDateTime } from "@/platform/format";
import { ApiProblem } from "@/platform/http/client-fetch";
import { objectionsApi, type UpcomingChange } from "@/modules/subprocessors/client";
import { dueIfRaisedNow } from "@/modules/subprocessors/ui/tenant-words";

const REASON_MAX = 4000;

/**
 * A customer admin's objection to an announced change: the dialog says what an objection does
 * (a compliance officer answers in writing by a deadline; it does not stop the change by itself)
 * and until when one can be raised, and takes the reason. The server decides again.
 */
export function ObjectButton({
  tenant,
  change,
  now,
  objectionDays,
  canObject,
}: {
  tenant: { slug: string; name: string };
  change: UpcomingChange;
  now: string;
  objectionDays: number;
  /** The server's word for this change: in its notice period, and no objection of the tenant yet. */
  canObject: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState("");
  const id = `object-${change.change_id}`;

  async function submit() {
    setPending(true);
    setError(null);
    try {
      const raised = await objectionsApi.object(tenant.slug, { change_id: change.change_id, reason: reason.trim() });
      setOpen(false);
      setReason("");
      setDone(`Objection recorded. A compliance officer resolves it in writing by ${formatDateTime(raised.due_at)}.`);
      startRefresh(() => router.refresh());
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : "The server could not be reached. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <ConfirmDialog
        trigger="Object"
        triggerVariant="secondary"
        showTrigger={canObject}
        title={`Object to ${change.kind_label.toLowerCase()}: ${change.name}`}
        description={
          <>
            <p>
              An objection goes to the region&apos;s compliance officers as a review item. They must answer it in
              writing by <strong>{formatDateTime(dueIfRaisedNow(now, objectionDays))}</strong>: the change withdrawn,{" "}
              {tenant.name} excluded (its data kept where {change.name} does not process), accepted after an
              explanation, or your contract termination right noted.
            </p>
            <p>
              Objections are open until the change takes effect on{" "}
              <strong>{formatDateTime(change.effective_at)}</strong>. Objecting does not stop the change by itself. The
              other admins of {tenant.name} are told, and the objection and its outcome are in the audit log.
            </p>
          </>
        }
        confirmLabel="Send objection"
        pendingLabel="Sending…"
        ready={reason.trim().length > 0}
        pending={pending || refreshing}
        error={error}
        open={open}
        onOpenChange={(o) => {
          setOpen(o);
          setError(null);
        }}
        onConfirm={() => void submit()}
      >
        <FormField
          id={`${id}-reason`}
          label="Reason"
          hint="Which data and why: the compliance officers and the other admins of your tenant read it."
        >
          <textarea
            id={`${id}-reason`}
            className={inputClass}
            rows={4}
            maxLength={REASON_MAX}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            {...fieldAria(`${id}-reason`, { hint: true })}
          />
        </FormField>
      </ConfirmDialog>
      <p role="status" aria-live="polite" className="text-sm text-emerald-800 dark:text-emerald-300">
        {done}
      </p>
    </>
  );
}
