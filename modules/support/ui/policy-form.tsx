"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, FormField, fieldAria, inputClass } from "@/components/ui/field";
import { Time } from "@/components/ui/time";
import { POLICY_LIMITS, REASON_CODES, REASON_LABELS, type ReasonCode } from "@/modules/support/domain/model";
import { supportApi, type SupportPolicy } from "@/modules/support/client";
import { useStep } from "@/modules/support/ui/use-step";
import { problemFields } from "@/modules/support/ui/words";

const FIELDS = [
  "approvals_required",
  "request_lifetime_hours",
  "max_grant_hours",
  "denied_reasons",
  "allow_read_write",
] as const;

function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

function ReadOnlyPolicy({ policy: p }: { policy: SupportPolicy }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2" data-testid="support-policy">
      <div>
        <dt className="font-medium">Approvals required</dt>
        <dd>
          {p.approvals_required} of the tenant&apos;s {p.customer_admins} customer admin
          {p.customer_admins === 1 ? "" : "s"}
        </dd>
      </div>
      <div>
        <dt className="font-medium">A request lapses after</dt>
        <dd>{p.request_lifetime_hours} hours without a decision</dd>
      </div>
      <div>
        <dt className="font-medium">Longest grant</dt>
        <dd>{p.max_grant_hours} hours</dd>
      </div>
      <div>
        <dt className="font-medium">Read-write access</dt>
        <dd>{p.allow_read_write ? "may be asked for" : "never: read only"}</dd>
      </div>
      <div className="sm:col-span-2">
        <dt className="font-medium">Reasons denied automatically</dt>
        <dd>{p.denied_reasons.length === 0 ? "none" : p.denied_reasons.map((r) => REASON_LABELS[r]).join("; ")}</dd>
      </div>
    </dl>
  );
}

/**
 * The tenant's approval policy: editable for those the policy lets manage it (support.policy.manage
 * in its allowed_actions), read-only for everyone else. A refused value is said next to its field.
 */
export function PolicyForm({ tenant, policy }: { tenant: string; policy: SupportPolicy }) {
  const id = useId();
  const [approvals, setApprovals] = useState(policy.approvals_required);
  const [lifetime, setLifetime] = useState(policy.request_lifetime_hours);
  const [maxGrant, setMaxGrant] = useState(policy.max_grant_hours);
  const [denied, setDenied] = useState<ReasonCode[]>(policy.denied_reasons);
  const [readWrite, setReadWrite] = useState(policy.allow_read_write);
  const step = useStep();
  const editable = policy.allowed_actions.includes("support.policy.manage");
  const updated = policy.updated_at ? (
    <p className="text-xs text-slate-600 dark:text-slate-400">
      Last changed <Time iso={policy.updated_at} />
      {policy.updated_by ? ` by ${policy.updated_by.name}` : ""}.
    </p>
  ) : null;
  if (!editable)
    return (
      <div className="space-y-2">
        <ReadOnlyPolicy policy={policy} />
        {updated}
        <p className="text-xs text-slate-600 dark:text-slate-400">Only the tenant&apos;s customer admins change it.</p>
      </div>
    );

  const problem = step.problem ? problemFields(step.problem.message, FIELDS) : null;
  const err = (f: (typeof FIELDS)[number]) => problem?.fields[f] ?? null;
  const fid = (f: string) => `${id}-${f}`;
  const adminsMax = Math.max(
    POLICY_LIMITS.approvalsRequired.min,
    Math.min(POLICY_LIMITS.approvalsRequired.max, policy.customer_admins),
  );

  return (
    <form
      className="space-y-4"
      data-testid="support-policy-form"
      onSubmit={async (e) => {
        e.preventDefault();
        await step.run(
          () =>
            supportApi.putPolicy(tenant, {
              approvals_required: approvals,
              request_lifetime_hours: lifetime,
              max_grant_hours: maxGrant,
              denied_reasons: denied,
              allow_read_write: readWrite,
            }),
          (p) => `Approval policy saved: ${p.approvals_required} of ${p.customer_admins} customer admins must approve.`,
        );
      }}
    >
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <FormField
          id={fid("approvals")}
          label="Approvals required"
          hint={`Out of ${policy.customer_admins} customer admin${policy.customer_admins === 1 ? "" : "s"}; never the requester.`}
          error={err("approvals_required")}
        >
          <select
            id={fid("approvals")}
            className={inputClass}
            value={approvals}
            onChange={(e) => setApprovals(Number(e.target.value))}
            {...fieldAria(fid("approvals"), { hint: true, error: err("approvals_required") })}
          >
            {range(POLICY_LIMITS.approvalsRequired.min, Math.max(adminsMax, approvals)).map((n) => (
              <option key={n} value={n}>
                {n} of {policy.customer_admins}
              </option>
            ))}
          </select>
        </FormField>
        <FormField
          id={fid("lifetime")}
          label="A request lapses after (hours)"
          hint={`${POLICY_LIMITS.requestLifetimeHours.min}–${POLICY_LIMITS.requestLifetimeHours.max} hours without a decision.`}
          error={err("request_lifetime_hours")}
        >
          <input
            id={fid("lifetime")}
            type="number"
            inputMode="numeric"
            min={POLICY_LIMITS.requestLifetimeHours.min}
            max={POLICY_LIMITS.requestLifetimeHours.max}
            className={inputClass}
            value={lifetime}
            onChange={(e) => setLifetime(Number(e.target.value))}
            {...fieldAria(fid("lifetime"), { hint: true, error: err("request_lifetime_hours") })}
          />
        </FormField>
        <FormField
          id={fid("max-grant")}
          label="Longest grant (hours)"
          hint={`${POLICY_LIMITS.maxGrantHours.min}–${POLICY_LIMITS.maxGrantHours.max} hours.`}
          error={err("max_grant_hours")}
        >
          <input
            id={fid("max-grant")}
            type="number"
            inputMode="numeric"
            min={POLICY_LIMITS.maxGrantHours.min}
            max={POLICY_LIMITS.maxGrantHours.max}
            className={inputClass}
            value={maxGrant}
            onChange={(e) => setMaxGrant(Number(e.target.value))}
            {...fieldAria(fid("max-grant"), { hint: true, error: err("max_grant_hours") })}
          />
        </FormField>
      </div>
      <fieldset className="text-sm" aria-describedby={err("denied_reasons") ? `${fid("denied")}-error` : undefined}>
        <legend className="font-medium">Reasons denied automatically</legend>
        <div className="mt-1 grid grid-cols-1 gap-1 sm:grid-cols-2">
          {REASON_CODES.map((code) => (
            <label key={code} className="flex items-start gap-2">
              <input
                type="checkbox"
                className="mt-0.5"
                checked={denied.includes(code)}
                onChange={(e) => setDenied((d) => (e.target.checked ? [...d, code] : d.filter((x) => x !== code)))}
              />
              <span>{REASON_LABELS[code]}</span>
            </label>
          ))}
        </div>
        {err("denied_reasons") && (
          <p id={`${fid("denied")}-error`} role="alert" className="mt-0.5 text-xs text-red-700 dark:text-red-300">
            {err("denied_reasons")}
          </p>
        )}
      </fieldset>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-0.5"
          checked={readWrite}
          onChange={(e) => setReadWrite(e.target.checked)}
        />
        <span>
          <span className="font-medium">Allow read-write access</span>
          <span className="block text-xs text-slate-600 dark:text-slate-400">
            Off: support engineers may only ask to read.
          </span>
        </span>
      </label>
      <FormError id={`${id}-error`} message={problem?.rest || null} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" loading={step.pending} loadingText="Saving…">
          Save policy
        </Button>
        {updated}
      </div>
    </form>
  );
}
