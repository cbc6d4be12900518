"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormField, inputClass } from "@/components/ui/field";
import { evidenceApi, type NdaView } from "@/modules/evidence/client";

/** A new NDA text for the tenant's auditors, with the consequence named before it is saved. */
export function NdaEditor({ tenant, nda, activeAuditors }: { tenant: string; nda: NdaView; activeAuditors: number }) {
  const router = useRouter();
  const [text, setText] = useState(nda.text);
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const changed = text.trim() !== nda.text.trim() && text.trim().length >= 40;

  async function save() {
    setPending(true);
    setError(null);
    try {
      await evidenceApi.setNda(tenant, text);
      setOpen(false);
      router.refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : "The NDA was not saved. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-3">
      <FormField id="nda-text" label={`NDA text (version ${nda.version} in force; at least 40 characters)`}>
        <textarea
          id="nda-text"
          rows={8}
          value={text}
          onChange={(e) => setText(e.target.value)}
          className={`${inputClass} font-mono text-xs`}
        />
      </FormField>
      <ConfirmDialog
        trigger="Save as a new version"
        triggerDisabled={!changed}
        title={`Make this NDA version ${nda.version + 1}?`}
        description={
          <p>
            {activeAuditors === 0
              ? "No auditor has access now; each one invited later accepts this text first."
              : `${activeAuditors} ${activeAuditors === 1 ? "auditor loses" : "auditors lose"} access to attestations and evidence until they accept the new text. They are asked at their next visit.`}
          </p>
        }
        confirmLabel="Save new version"
        pendingLabel="Saving…"
        pending={pending}
        error={error}
        open={open}
        onOpenChange={setOpen}
        onConfirm={() => void save()}
      />
    </div>
  );
}
