"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormField, fieldAria, inputClass } from "@/components/ui/field";
import { ApiProblem } from "@/platform/http/client-fetch";
import {
  OBJECTION_OUTCOME_LABELS,
  OBJECTION_OUTCOMES,
  type ObjectionOutcome,
} from "@/modules/subprocessors/domain/vocabulary";
import { objectionsApi, type Objection } from "@/modules/subprocessors/client";

const RESOLUTION_MAX = 4000;

/**
 * A compliance officer resolves an objection: an outcome and a written resolution, which the
 * tenant's admins read with the officer's name (and its webhooks receive). "The change was
 * withdrawn" is offered only once it is; the server decides again.
 */
export function ResolveButton({ objection }: { objection: Objection }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<ObjectionOutcome | "">("");
  const [resolution, setResolution] = useState("");
  const [pending, setPending] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState("");
  const id = `resolve-${objection.id}`;
  const withdrawn = objection.change_state === "withdrawn";
  const outcomes = OBJECTION_OUTCOMES.filter((o) => o !== "change_withdrawn" || withdrawn);

  async function submit() {
    if (!outcome) return;
    setPending(true);
    setError(null);
    try {
      await objectionsApi.resolve(objection.id, { outcome, resolution: resolution.trim() });
      setOpen(false);
      setDone(`Resolved: ${objection.tenant.name}'s objection to ${objection.subprocessor_name}.`);
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
        trigger="Resolve"
        triggerVariant="secondary"
        triggerSize="xs"
        title={`Resolve ${objection.tenant.name}'s objection to ${objection.subprocessor_name}`}
        description={
          <>
            <p className="whitespace-pre-line break-words">
              <span className="font-medium">Their reason: </span>
              {objection.reason}
            </p>
            <p>
              The admins of {objection.tenant.name} read the outcome and your resolution with your name; it is in their
              audit log and goes to their webhooks.
              {!withdrawn && " “The change was withdrawn” is offered once a provider admin has withdrawn it."}
            </p>
          </>
        }
        confirmLabel="Resolve"
        pendingLabel="Resolving…"
        ready={outcome !== "" && resolution.trim().length > 0}
        pending={pending || refreshing}
        error={error}
        open={open}
        onOpenChange={(o) => {
          setOpen(o);
          setError(null);
        }}
        onConfirm={() => void submit()}
      >
        <fieldset className="text-sm">
          <legend className="font-medium">Outcome</legend>
          <div className="mt-1 space-y-1">
            {outcomes.map((o) => (
              <label key={o} className="flex items-start gap-2">
                <input
                  type="radio"
                  name={`${id}-outcome`}
                  value={o}
                  checked={outcome === o}
                  onChange={() => setOutcome(o)}
                  className="mt-1"
                />
                <span>{OBJECTION_OUTCOME_LABELS[o]}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <FormField
          id={`${id}-resolution`}
          label="Resolution"
          hint="In writing, for the customer: what was decided and why."
        >
          <textarea
            id={`${id}-resolution`}
            className={inputClass}
            rows={4}
            maxLength={RESOLUTION_MAX}
            required
            value={resolution}
            onChange={(e) => setResolution(e.target.value)}
            {...fieldAria(`${id}-resolution`, { hint: true })}
          />
        </FormField>
      </ConfirmDialog>
      <span role="status" aria-live="polite" className="sr-only">
        {done}
      </span>
    </>
  );
}
