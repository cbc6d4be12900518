"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormError, FormField, fieldAria, inputClass } from "@/components/ui/field";
import { Time } from "@/components/ui/time";
import { supportApi, type SupportRequest } from "@/modules/support/client";
import { Countdown } from "@/modules/support/ui/countdown";
import { StateBadges } from "@/modules/support/ui/request-facts";
import { OptionalReasonField } from "@/modules/support/ui/reason-field";
import { useStep } from "@/modules/support/ui/use-step";
import { countryWords, problemFields } from "@/modules/support/ui/words";

export function RevokeDialog({ tenant, request: r }: { tenant: string; request: SupportRequest }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const step = useStep();
  const grant = r.grant!;
  const field = step.problem ? problemFields(step.problem.message, ["reason"]) : null;
  return (
    <ConfirmDialog
      trigger="Revoke…"
      triggerSize="sm"
      tone="danger"
      title="Revoke this grant now?"
      description={
        <>
          <p data-testid="revoke-consequence">
            {r.requester.name} loses access at once: the access broker refuses every further access under this grant,
            its token is not refreshed, and the grant cannot be used again.
          </p>
          <p>{r.requester.name} is told. Nothing else changes; to give access again, a new request must be approved.</p>
        </>
      }
      confirmLabel="Revoke now"
      pendingLabel="Revoking…"
      pending={step.pending}
      error={field?.rest || null}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) step.reset();
      }}
      onConfirm={async () => {
        const text = reason.trim();
        const answer = await step.run(
          () => supportApi.revoke(tenant, grant.id, text ? { reason: text } : {}),
          (v) => `Revoked: ${v.requester.name} has no access any more.`,
        );
        if (answer) setOpen(false);
      }}
    >
      <OptionalReasonField
        id={id}
        hint="Recorded in the audit log."
        value={reason}
        onChange={setReason}
        error={field?.fields.reason}
      />
    </ConfirmDialog>
  );
}

/** A compliance officer's written review of a break-glass access (four eyes): the rationale is required. */
export function ReviewForm({ tenant, request: r }: { tenant: string; request: SupportRequest }) {
  const id = useId();
  const [rationale, setRationale] = useState("");
  const [tried, setTried] = useState(false);
  const step = useStep();
  const field = step.problem ? problemFields(step.problem.message, ["rationale"]) : null;
  const missing =
    tried && rationale.trim() === "" ? "Write why the emergency access was (or was not) justified." : null;
  const error = missing ?? field?.fields.rationale ?? null;
  return (
    <form
      className="mt-3 space-y-2 rounded-md border border-red-300 p-3 dark:border-red-800"
      onSubmit={async (e) => {
        e.preventDefault();
        setTried(true);
        if (rationale.trim() === "") return;
        await step.run(
          () => supportApi.reviewBreakGlass(tenant, r.id, { rationale: rationale.trim() }),
          () => `Break-glass access by ${r.requester.name} reviewed.`,
        );
      }}
      noValidate
    >
      <FormField
        id={`${id}-rationale`}
        label="Review rationale (required)"
        hint="Was the emergency real, did the access stay inside what it needed? The customer reads this."
        error={error}
      >
        <textarea
          id={`${id}-rationale`}
          className={inputClass}
          rows={3}
          maxLength={4000}
          required
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          {...fieldAria(`${id}-rationale`, { hint: true, error })}
        />
      </FormField>
      <FormError id={`${id}-error`} message={field?.rest || null} />
      <Button type="submit" variant="primary" loading={step.pending} loadingText="Saving the review…">
        Save review
      </Button>
    </form>
  );
}

/** Grants that let someone in now or soon, and break-glass grants still waiting for their review. */
export function ActiveGrants({ tenant, requests }: { tenant: string; requests: SupportRequest[] }) {
  if (requests.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">Nobody has access to your data right now.</p>;
  return (
    <ul className="space-y-4">
      {requests.map((r) => {
        const g = r.grant!;
        const live = r.state === "active" || r.state === "approved" || r.state === "extension_requested";
        return (
          <li
            key={r.id}
            data-testid="active-grant"
            data-request={r.id}
            className={`rounded-lg border p-4 ${r.break_glass ? "border-red-500 bg-red-50/60 dark:border-red-700 dark:bg-red-950/40" : "border-slate-200 dark:border-slate-800"}`}
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="font-semibold">
                {r.break_glass ? "Break-glass grant" : "Grant"} to {r.requester.name}
              </h3>
              <StateBadges request={r} />
            </div>
            <p className="mt-2 text-sm font-medium">{r.scope_text}</p>
            <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
              {r.requester.job_title ? `${r.requester.job_title}, ` : ""}
              {r.requester.employer}; office in {countryWords(r.requester.office_country)}, working from{" "}
              {countryWords(r.requester.location_country)}. {r.reason_label}
              {r.ticket ? ` (ticket ${r.ticket})` : ""}.
            </p>
            <p className="mt-1 text-sm">
              From <Time iso={g.not_before} /> to <Time iso={g.expires_at} />
              {live && (
                <>
                  {" — "}
                  <Countdown startsAt={g.not_before} endsAt={g.expires_at} />
                </>
              )}
            </p>
            <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
              {r.break_glass
                ? `Opened by ${r.confirmed_by?.name ?? "a second provider person"} without the customer's approval.`
                : `Approved by ${g.approvers.map((a) => a.name).join(" and ") || "nobody yet"}.`}
            </p>
            {r.allowed_actions.includes("revoke") && (
              <div className="mt-3">
                <RevokeDialog tenant={tenant} request={r} />
              </div>
            )}
            {r.allowed_actions.includes("review") && <ReviewForm tenant={tenant} request={r} />}
          </li>
        );
      })}
    </ul>
  );
}
