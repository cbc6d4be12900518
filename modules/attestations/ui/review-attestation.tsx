"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormField, inputClass } from "@/components/ui/field";
import { attestationsApi, type AttestationSummary } from "@/modules/attestations/client";

/** Publish or reject a quarterly draft, with a note that goes into the audit log. */
export function ReviewAttestation({ tenant, attestation }: { tenant: string; attestation: AttestationSummary }) {
  const router = useRouter();
  const [decision, setDecision] = useState<"publish" | "reject" | null>(null);
  const [note, setNote] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function review() {
    if (!decision) return;
    setPending(true);
    setError(null);
    try {
      await attestationsApi.review(tenant, attestation.id, { decision, note });
      setDecision(null);
      setNote("");
      router.refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : "The review was not recorded. Try again.");
    } finally {
      setPending(false);
    }
  }

  const dialog = (which: "publish" | "reject") => (
    <ConfirmDialog
      trigger={
        <>
          {which === "publish" ? "Publish" : "Reject"}
          <span className="sr-only"> the attestation for {attestation.period}</span>
        </>
      }
      triggerSize="xs"
      tone={which === "publish" ? "primary" : "danger"}
      title={
        which === "publish"
          ? `Publish the attestation for ${attestation.period}?`
          : `Reject the draft for ${attestation.period}?`
      }
      description={
        <p>
          {which === "publish"
            ? "The tenant's auditors see it from now on, and it counts as reviewed by you. Your note goes into the audit log with its digest."
            : "Nobody outside the tenant's own people and compliance will see it. Say why, so the next draft can be right; the note goes into the audit log."}
        </p>
      }
      confirmLabel={which === "publish" ? "Publish" : "Reject draft"}
      pendingLabel="Recording…"
      ready={note.trim().length >= 3}
      pending={pending}
      error={error}
      open={decision === which}
      onOpenChange={(open) => setDecision(open ? which : null)}
      onConfirm={() => void review()}
    >
      <FormField id={`review-note-${attestation.id}-${which}`} label="Note (what you checked, or why not)">
        <textarea
          id={`review-note-${attestation.id}-${which}`}
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          className={inputClass}
        />
      </FormField>
    </ConfirmDialog>
  );

  return (
    <div className="flex flex-wrap gap-2">
      {dialog("publish")}
      {dialog("reject")}
    </div>
  );
}
