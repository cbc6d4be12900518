"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormField, inputClass } from "@/components/ui/field";
import { ApiProblem } from "@/platform/http/client-fetch";
import { evidenceApi, type AuditorSummary, type ScopeRequest } from "@/modules/evidence/client";
import { approvalWords } from "@/modules/evidence/domain/scope-request";

const NOTE_MAX = 2000;

/**
 * Approve or deny an auditor's pending request, each confirmed with its consequence named. Once
 * decided the request (and these buttons) go, so the page is told what was decided and where
 * focus goes instead.
 */
export function ScopeDecisionButtons({
  tenant,
  auditor,
  request,
  onDecided,
  focusAfter,
}: {
  tenant: string;
  auditor: AuditorSummary;
  request: ScopeRequest;
  /** What was decided, in words, for the page to show. */
  onDecided: (words: string) => void;
  /** Moves focus once the dialog has closed after a decision. */
  focusAfter: () => void;
}) {
  const router = useRouter();
  const decidedRef = useRef(false);
  const [open, setOpen] = useState<"approve" | "deny" | null>(null);
  const [note, setNote] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function openChange(which: "approve" | "deny") {
    return (isOpen: boolean) => {
      setOpen(isOpen ? which : null);
      setError(null);
      if (!isOpen) setNote("");
    };
  }

  async function decide(decision: "approve" | "deny") {
    setPending(true);
    setError(null);
    try {
      await evidenceApi.decideScope(tenant, auditor.id, request.id, {
        decision,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      decidedRef.current = true;
      onDecided(
        decision === "approve"
          ? `Approved: ${approvalWords(auditor, request)}`
          : `Denied ${auditor.name}'s request: they keep the access they had and read your note.`,
      );
      setOpen(null);
      setNote("");
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : "The decision was not saved. Try again.");
    } finally {
      setPending(false);
    }
  }

  // After a decision the trigger is on its way out: focus what was decided instead.
  function afterClose(event: Event) {
    if (!decidedRef.current) return;
    event.preventDefault();
    focusAfter();
  }

  const noteField = (which: "approve" | "deny") => (
    <FormField
      id={`scope-note-${which}-${request.id}`}
      label={which === "deny" ? "Why (the auditor reads this)" : "Note to the auditor (optional)"}
    >
      <textarea
        id={`scope-note-${which}-${request.id}`}
        rows={3}
        maxLength={NOTE_MAX}
        required={which === "deny"}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        className={inputClass}
      />
    </FormField>
  );

  return (
    <div className="flex flex-wrap gap-2">
      <ConfirmDialog
        trigger={
          <>
            Approve<span className="sr-only"> {auditor.name}&apos;s request</span>
          </>
        }
        triggerSize="xs"
        title={`Give ${auditor.name} more access?`}
        description={
          <>
            <p data-testid="scope-approve-consequence">{approvalWords(auditor, request)}</p>
            <p>Their access still ends when it did: approving widens what they read, not for how long.</p>
          </>
        }
        confirmLabel="Approve"
        pendingLabel="Approving…"
        pending={pending}
        error={error}
        open={open === "approve"}
        onOpenChange={openChange("approve")}
        onCloseAutoFocus={afterClose}
        onConfirm={() => void decide("approve")}
      >
        {noteField("approve")}
      </ConfirmDialog>
      <ConfirmDialog
        trigger={
          <>
            Deny<span className="sr-only"> {auditor.name}&apos;s request</span>
          </>
        }
        triggerSize="xs"
        tone="danger"
        title={`Deny ${auditor.name}'s request?`}
        description={
          <p>
            {auditor.name} keeps the access they have now and is told of your decision, with your note. They may ask
            again.
          </p>
        }
        confirmLabel="Deny"
        pendingLabel="Denying…"
        ready={note.trim().length > 0}
        pending={pending}
        error={error}
        open={open === "deny"}
        onOpenChange={openChange("deny")}
        onCloseAutoFocus={afterClose}
        onConfirm={() => void decide("deny")}
      >
        {noteField("deny")}
      </ConfirmDialog>
    </div>
  );
}
