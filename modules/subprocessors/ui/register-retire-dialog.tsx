"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormField, inputClass } from "@/components/ui/field";
import { ApiProblem } from "@/platform/http/client-fetch";
import { registerApi, type RegisterEntry } from "@/modules/subprocessors/client";
import { retirementBody } from "@/modules/subprocessors/ui/register-form-state";
import { retireWords } from "@/modules/subprocessors/ui/register-words";

/** "Propose retirement": a dialog naming what follows an approval, with an optional later date. */
export function RetireDialog({
  entry,
  regionName,
  onDone,
  focusAfter,
}: {
  entry: RegisterEntry;
  regionName: string;
  onDone: (words: string) => void;
  focusAfter: () => void;
}) {
  const router = useRouter();
  const doneRef = useRef(false);
  const [open, setOpen] = useState(false);
  const [on, setOn] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `retire-on-${entry.id}`;

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await registerApi.propose(retirementBody(entry.id, on));
      doneRef.current = true;
      setOpen(false);
      onDone(`Proposed: the retirement of ${entry.name}. A compliance officer reviews it; nothing changes until then.`);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : "Nothing was proposed: the request failed. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <ConfirmDialog
      trigger={
        <>
          Propose retirement…<span className="sr-only"> of {entry.name}</span>
        </>
      }
      triggerSize="xs"
      tone="danger"
      title={`Propose retiring ${entry.name}?`}
      description={<p data-testid="retire-consequence">{retireWords(entry, regionName)}</p>}
      confirmLabel="Propose retirement"
      pendingLabel="Proposing…"
      pending={pending}
      error={error}
      open={open}
      onOpenChange={(isOpen) => {
        setOpen(isOpen);
        setError(null);
        if (!isOpen) setOn("");
      }}
      onCloseAutoFocus={(event) => {
        if (!doneRef.current) return;
        event.preventDefault();
        doneRef.current = false;
        focusAfter();
      }}
      onConfirm={() => void confirm()}
    >
      <FormField id={id} label="Retire on (optional, UTC)" hint="Leave empty to retire it on approval.">
        <input
          id={id}
          type="date"
          value={on}
          onChange={(e) => setOn(e.target.value)}
          className={inputClass}
          aria-describedby={`${id}-hint`}
        />
      </FormField>
    </ConfirmDialog>
  );
}
