"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormField, fieldAria, inputClass } from "@/components/ui/field";
import { ApiProblem } from "@/platform/http/client-fetch";
import { reviewsApi, type ReviewItem } from "@/modules/reviews/client";

const RATIONALE_MAX = 4000;

/**
 * Resolve or dismiss one item: the outcomes the policy lets the caller choose, what each does
 * (named again in the dialog before confirming), and a required written rationale. For kinds
 * with a workflow of their own the server runs that workflow, so the consequence is real.
 */
export function ResolveDialog({ item, onDone }: { item: ReviewItem; onDone: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState("");
  const [rationale, setRationale] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `resolve-${item.id}`;
  const chosen = item.allowed_outcomes.find((o) => o.key === outcome);

  async function submit() {
    if (!chosen) return;
    setPending(true);
    setError(null);
    try {
      await reviewsApi.resolve(item.id, { outcome: chosen.key, rationale: rationale.trim() });
      setOpen(false);
      setOutcome("");
      setRationale("");
      onDone(`${chosen.state === "dismissed" ? "Dismissed" : "Resolved"}: ${item.title} (${chosen.label}).`);
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : "The server could not be reached. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <ConfirmDialog
      trigger="Resolve…"
      triggerVariant="secondary"
      triggerSize="xs"
      title={`${item.kind_label}: ${item.title}`}
      description={
        <>
          <p>
            {item.tenant ? `About ${item.tenant.name}. ` : "Region-wide. "}
            {item.author ? `Work of ${item.author.name}: they cannot resolve it. ` : ""}
            Your rationale is kept with the decision{item.tenant ? " and shown to the tenant" : ""}.
          </p>
          <p className="font-medium" data-testid="consequence">
            {chosen ? chosen.consequence : "Choose an outcome to see what it does."}
          </p>
        </>
      }
      confirmLabel={chosen ? chosen.label : "Resolve"}
      pendingLabel="Working…"
      tone={chosen?.state === "dismissed" ? "danger" : "primary"}
      ready={Boolean(chosen) && rationale.trim().length > 0}
      pending={pending}
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
          {item.allowed_outcomes.map((o) => (
            <label key={o.key} className="flex items-start gap-2">
              <input
                type="radio"
                name={`${id}-outcome`}
                value={o.key}
                checked={outcome === o.key}
                onChange={() => setOutcome(o.key)}
                className="mt-1"
              />
              <span>
                {o.label}
                {o.state === "dismissed" && <span className="text-slate-600 dark:text-slate-400"> (dismiss)</span>}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <FormField id={`${id}-rationale`} label="Rationale" hint="Required: what you checked and why you decided so.">
        <textarea
          id={`${id}-rationale`}
          className={inputClass}
          rows={4}
          maxLength={RATIONALE_MAX}
          required
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          {...fieldAria(`${id}-rationale`, { hint: true })}
        />
      </FormField>
    </ConfirmDialog>
  );
}
