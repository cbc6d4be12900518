"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormField, fieldAria, inputClass } from "@/components/ui/field";
import { Time } from "@/components/ui/time";
import { formatDateTime } from "@/platform/format";
import { durationWords } from "@/modules/support/domain/scope-text";
import { supportApi, type GrantToken, type SupportRequest } from "@/modules/support/client";
import { Countdown } from "@/modules/support/ui/countdown";
import { StateBadges } from "@/modules/support/ui/request-facts";
import { useStep } from "@/modules/support/ui/use-step";
import { approvalsWords, problemFields } from "@/modules/support/ui/words";

function WithdrawDialog({ request: r }: { request: SupportRequest }) {
  const [open, setOpen] = useState(false);
  const step = useStep();
  const granted = r.grant !== null;
  return (
    <ConfirmDialog
      trigger="Withdraw…"
      triggerSize="sm"
      tone="danger"
      title="Withdraw this request?"
      description={
        <p>
          {granted
            ? "Your grant ends at once: the access broker refuses every further access and no token is issued again."
            : "The customer's admins no longer need to decide; nothing is granted."}{" "}
          To get access again you must ask again.
        </p>
      }
      confirmLabel="Withdraw"
      pendingLabel="Withdrawing…"
      pending={step.pending}
      error={step.problem?.message ?? null}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) step.reset();
      }}
      onConfirm={async () => {
        const answer = await step.run(
          () => supportApi.withdraw(r.tenant, r.id),
          (v) => `Request ${v.state_label.toLowerCase()}.`,
        );
        if (answer) setOpen(false);
      }}
    />
  );
}

function ExtendDialog({ request: r }: { request: SupportRequest }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [minutes, setMinutes] = useState(60);
  const [detail, setDetail] = useState("");
  const step = useStep();
  const field = step.problem ? problemFields(step.problem.message, ["duration_minutes", "detail"]) : null;
  return (
    <ConfirmDialog
      trigger="Ask for more time…"
      triggerSize="sm"
      triggerVariant="secondary"
      title="Ask for longer access?"
      description={
        <p>
          The customer&apos;s admins must approve again, as many as for the request. Until they do, your grant ends as
          planned.
        </p>
      }
      confirmLabel="Ask for more time"
      pendingLabel="Asking…"
      ready={detail.trim().length > 0 && Number.isInteger(minutes) && minutes >= 5 && minutes <= 480}
      pending={step.pending}
      error={field?.rest || null}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) step.reset();
      }}
      onConfirm={async () => {
        const answer = await step.run(
          () => supportApi.extend(r.tenant, r.id, { duration_minutes: minutes, detail: detail.trim() }),
          () => `Asked for ${durationWords(minutes)} more: waiting for approval.`,
        );
        if (answer) setOpen(false);
      }}
    >
      <FormField
        id={`${id}-minutes`}
        label="Extra minutes"
        hint="At most 8 hours."
        error={field?.fields.duration_minutes}
      >
        <input
          id={`${id}-minutes`}
          type="number"
          inputMode="numeric"
          min={5}
          max={480}
          step={5}
          className={inputClass}
          value={Number.isNaN(minutes) ? "" : minutes}
          onChange={(e) => setMinutes(e.target.valueAsNumber)}
          {...fieldAria(`${id}-minutes`, { hint: true, error: field?.fields.duration_minutes })}
        />
      </FormField>
      <FormField id={`${id}-detail`} label="Why you need more time (required)" error={field?.fields.detail}>
        <textarea
          id={`${id}-detail`}
          className={inputClass}
          rows={3}
          maxLength={2000}
          value={detail}
          onChange={(e) => setDetail(e.target.value)}
          {...fieldAria(`${id}-detail`, { error: field?.fields.detail })}
        />
      </FormField>
    </ConfirmDialog>
  );
}

function TokenPanel({ request: r }: { request: SupportRequest }) {
  const id = useId();
  const [token, setToken] = useState<GrantToken | null>(null);
  const [copied, setCopied] = useState(false);
  const step = useStep();
  if (!token)
    return (
      <div>
        <Button
          variant="primary"
          size="sm"
          loading={step.pending}
          loadingText="Signing the token…"
          onClick={async () => {
            const answer = await step.run(
              () => supportApi.token(r.tenant, r.grant!.id),
              (t) => `Token issued; it expires ${formatDateTime(t.expires_at)}.`,
            );
            if (answer) setToken(answer);
          }}
        >
          Get token
        </Button>
        {step.problem && (
          <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">
            {step.problem.message}
          </p>
        )}
      </div>
    );
  return (
    <div
      className="space-y-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950"
      data-testid="grant-token"
    >
      <p className="font-medium">
        Your grant token (shown once; fetch a new one when it expires at <Time iso={token.expires_at} />
        ).
      </p>
      <p>It lets you: {r.scope_text}</p>
      <label htmlFor={`${id}-token`} className="sr-only">
        Grant token (compact JWS)
      </label>
      <textarea
        id={`${id}-token`}
        readOnly
        rows={3}
        className={`${inputClass} font-mono text-xs break-all`}
        value={token.token}
        onFocus={(e) => e.currentTarget.select()}
      />
      <div className="flex flex-wrap items-center gap-2">
        <Button
          size="sm"
          onClick={async () => {
            await navigator.clipboard.writeText(token.token).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          Copy token
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setToken(null)}>
          Hide it
        </Button>
        <span aria-live="polite" className="text-xs">
          {copied ? "Copied to the clipboard." : ""}
        </span>
      </div>
    </div>
  );
}

/**
 * A support engineer's own requests, each with its state in words, what the grant allows, the
 * approvals so far, and the steps the policy lets them take now (withdraw, extend, get the token).
 */
export function MyRequests({ requests, showTenant = false }: { requests: SupportRequest[]; showTenant?: boolean }) {
  if (requests.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">You have not asked for access yet.</p>;
  return (
    <ul className="space-y-4" data-testid="my-requests">
      {requests.map((r) => {
        const g = r.grant;
        const live = g && (r.state === "active" || r.state === "approved" || r.state === "extension_requested");
        return (
          <li
            key={r.id}
            data-testid="my-request"
            data-request={r.id}
            data-state={r.state}
            className={`rounded-lg border p-4 ${r.break_glass ? "border-red-400 dark:border-red-800" : "border-slate-200 dark:border-slate-800"}`}
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="font-semibold">
                {showTenant ? (
                  <Link
                    className="text-brand-700 underline underline-offset-2 dark:text-brand-100"
                    href={`/t/${r.tenant}/support`}
                  >
                    {r.tenant}
                  </Link>
                ) : (
                  r.reason_label
                )}
                {showTenant && (
                  <span className="font-normal text-slate-600 dark:text-slate-400"> · {r.reason_label}</span>
                )}
              </h3>
              <StateBadges request={r} />
            </div>
            <p className="mt-2 text-sm font-medium">
              {g ? "The grant allows " : "You asked for "}
              {r.scope_text.charAt(0).toLowerCase() + r.scope_text.slice(1)}
            </p>
            <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
              Asked <Time iso={r.created_at} />
              {r.ticket ? ` · ticket ${r.ticket}` : ""}
              {r.state === "pending" && (
                <>
                  {" "}
                  · {approvalsWords(r)} · lapses <Time iso={r.expires_at} />
                </>
              )}
            </p>
            {g && (
              <p className="mt-1 text-sm">
                Grant from <Time iso={g.not_before} /> to <Time iso={g.expires_at} />
                {live && (
                  <>
                    {" — "}
                    <Countdown startsAt={g.not_before} endsAt={g.expires_at} />
                  </>
                )}
                {g.approvers.length > 0 && <> · approved by {g.approvers.map((a) => a.name).join(" and ")}</>}
                {g.revoked_at && (
                  <>
                    {" "}
                    · revoked <Time iso={g.revoked_at} />
                    {g.revoked_by ? ` by ${g.revoked_by.name}` : ""}
                  </>
                )}
              </p>
            )}
            {r.denial && (
              <p className="mt-1 text-sm text-red-800 dark:text-red-200">
                Denied{r.denial.by ? ` by ${r.denial.by.name}` : ""}
                {r.denial.reason ? `: “${r.denial.reason}”` : "."}
              </p>
            )}
            {r.allowed_actions.some((a) => a === "token" || a === "withdraw" || a === "extend") && (
              <div className="mt-3 flex flex-wrap items-start gap-2">
                {r.allowed_actions.includes("token") && g && <TokenPanel request={r} />}
                {r.allowed_actions.includes("extend") && <ExtendDialog request={r} />}
                {r.allowed_actions.includes("withdraw") && <WithdrawDialog request={r} />}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
