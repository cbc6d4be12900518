"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormField, fieldAria, inputClass } from "@/components/ui/field";
import { Time } from "@/components/ui/time";
import { drillKeys, drillsApi, type ConsentState } from "@/modules/drills/client";
import { DRILL_KIND_LABELS, DRILL_KINDS, type DrillKind } from "@/modules/drills/domain/model";

const DAY = 86_400_000;

/** The customer's consent: what it covers and until when; customer admins give and withdraw it. */
export function ConsentPanel({ tenant, state }: { tenant: string; state: ConsentState }) {
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState(state);
  const [kinds, setKinds] = useState<DrillKind[]>(
    state.consent?.kinds ?? ["key_revocation", "kms_outage", "wrong_region"],
  );
  const [until, setUntil] = useState(new Date(Date.now() + 90 * DAY).toISOString().slice(0, 10));
  const [confirmRevoke, setConfirmRevoke] = useState(false);
  const manage = current.allowed_actions.includes("drills.consent.manage");
  const done = (next: ConsentState) => {
    setCurrent(next);
    void queryClient.invalidateQueries({ queryKey: drillKeys.consent(tenant) });
  };
  const grant = useMutation({
    mutationFn: () => drillsApi.grant(tenant, { kinds, expires_at: new Date(`${until}T23:59:59Z`).toISOString() }),
    onSuccess: done,
  });
  const revoke = useMutation({
    mutationFn: () => drillsApi.revoke(tenant),
    onSuccess: (next) => {
      done(next);
      setConfirmRevoke(false);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    grant.mutate();
  };
  const consent = current.consent;
  return (
    <section
      aria-labelledby="consent-title"
      className="space-y-3 rounded border border-slate-200 p-4 dark:border-slate-800"
    >
      <h2 id="consent-title" className="text-base font-semibold">
        Consent for compliance officers
      </h2>
      {consent ? (
        <p className="text-sm" data-testid="consent-summary">
          The region&apos;s compliance officers may run{" "}
          <strong>{consent.kinds.map((k) => DRILL_KIND_LABELS[k].toLowerCase()).join(", ")}</strong> drills until{" "}
          <Time iso={consent.expires_at} />, as {consent.granted_by.name} allowed on{" "}
          <Time iso={consent.granted_at} format="date" />.
        </p>
      ) : (
        <p className="text-sm" data-testid="consent-summary">
          No consent is in force: only the tenant&apos;s customer admins start drills.
        </p>
      )}
      {manage && (
        <form
          onSubmit={onSubmit}
          className="grid gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-end"
          aria-label="Consent to drills"
        >
          <fieldset className="text-sm">
            <legend className="font-medium">Drills they may run</legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {DRILL_KINDS.map((k) => (
                <label key={k} className="inline-flex items-center gap-1.5">
                  <input
                    type="checkbox"
                    checked={kinds.includes(k)}
                    onChange={(e) => setKinds(e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k))}
                  />
                  {DRILL_KIND_LABELS[k]}
                </label>
              ))}
            </div>
          </fieldset>
          <FormField id="consent-until" label="Until (UTC)" error={grant.error?.message}>
            <input
              id="consent-until"
              type="date"
              className={inputClass}
              value={until}
              onChange={(e) => setUntil(e.target.value)}
              {...fieldAria("consent-until", { error: grant.error?.message })}
            />
          </FormField>
          <div className="flex gap-2">
            <Button type="submit" loading={grant.isPending} disabled={kinds.length === 0}>
              {consent ? "Replace consent" : "Give consent"}
            </Button>
            {consent && (
              <ConfirmDialog
                trigger="Withdraw"
                triggerVariant="danger-outline"
                title="Withdraw the consent?"
                description="Compliance officers can no longer start drills on this tenant, and scheduled drills they set up will not run. Drills already running finish."
                confirmLabel="Withdraw consent"
                tone="danger"
                pending={revoke.isPending}
                error={revoke.error?.message ?? null}
                open={confirmRevoke}
                onOpenChange={setConfirmRevoke}
                onConfirm={() => revoke.mutate()}
              />
            )}
          </div>
        </form>
      )}
    </section>
  );
}
