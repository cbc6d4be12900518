"use client";

import { useId, useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormField, fieldAria, inputClass } from "@/components/ui/field";
import { formatDateTime } from "@/platform/format";
import { describeScope, durationWords } from "@/modules/support/domain/scope-text";
import { supportApi, type SupportRequest } from "@/modules/support/client";
import { RequestFacts, StateBadges } from "@/modules/support/ui/request-facts";
import { OptionalReasonField } from "@/modules/support/ui/reason-field";
import { useStep } from "@/modules/support/ui/use-step";
import { approvalsWords, firstName, problemFields } from "@/modules/support/ui/words";

/** Durations an approver can shorten to (never longer than asked). */
const SHORTER = [15, 30, 60, 120, 240, 480];

function askedMinutes(r: SupportRequest): number {
  return r.state === "extension_requested" && r.extension ? r.extension.minutes : r.duration_minutes;
}

/** When the access would end if this approval were the last: from the later of now and the start asked. */
function endIfApproved(r: SupportRequest, minutes: number): string {
  if (r.state === "extension_requested" && r.grant)
    return new Date(Date.parse(r.grant.expires_at) + minutes * 60_000).toISOString();
  const start = Math.max(Date.now(), Date.parse(r.requested_start));
  return new Date(start + minutes * 60_000).toISOString();
}

function ApproveDialog({
  tenant,
  request: r,
  viewerName,
}: {
  tenant: string;
  request: SupportRequest;
  viewerName: string;
}) {
  const id = useId();
  const asked = askedMinutes(r);
  const [open, setOpen] = useState(false);
  const [minutes, setMinutes] = useState(asked);
  const step = useStep();
  const given = r.approvals.filter((a) => a.round === r.round).length;
  const last = given + 1 >= r.approvals_required;
  const what = describeScope({
    access: r.scope.access,
    stores: r.scope.stores,
    dataClasses: r.scope.data_classes,
    durationMinutes: minutes,
  }).replace(/, for [^,]+\.$/, "");
  const field = step.problem ? problemFields(step.problem.message, ["duration_minutes"]) : null;

  return (
    <ConfirmDialog
      trigger="Approve…"
      triggerSize="sm"
      title={r.state === "extension_requested" ? "Approve the longer access?" : "Approve support access?"}
      wide
      description={
        <>
          <p data-testid="approve-consequence">
            {firstName(viewerName)}, you will let <strong>{r.requester.name}</strong> ({r.requester.employer}) have{" "}
            {what} {r.state === "extension_requested" ? "for " : ""}
            {r.state === "extension_requested" ? `${durationWords(minutes)} more, ` : ""}until{" "}
            <strong>{formatDateTime(endIfApproved(r, minutes))}</strong>
            {last ? "." : ", once the other approvals are given."}
          </p>
          <p>
            {last
              ? `Yours is the last approval needed (${given + 1} of ${r.approvals_required}): the grant is signed at once and the requester can fetch its token.`
              : `Yours will be approval ${given + 1} of ${r.approvals_required}: no access until ${r.approvals_required - given - 1 === 1 ? "1 more customer admin approves" : `${r.approvals_required - given - 1} more customer admins approve`}.`}{" "}
            Every access inside the grant is logged and shown on this page.
          </p>
        </>
      }
      confirmLabel="Approve"
      pendingLabel="Approving…"
      pending={step.pending}
      error={field?.rest || null}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) step.reset();
      }}
      onConfirm={async () => {
        const answer = await step.run(
          () => supportApi.approve(tenant, r.id, minutes < asked ? { duration_minutes: minutes } : {}),
          (v) =>
            v.grant && v.state !== "extension_requested"
              ? `Approved: access granted to ${v.requester.name}.`
              : `Approved: ${approvalsWords(v)}.`,
        );
        if (answer) setOpen(false);
      }}
    >
      <FormField
        id={`${id}-duration`}
        label="Duration"
        hint={`Asked for ${durationWords(asked)}. You can shorten it, not lengthen it.`}
        error={field?.fields.duration_minutes}
      >
        <select
          id={`${id}-duration`}
          className={inputClass}
          value={minutes}
          onChange={(e) => setMinutes(Number(e.target.value))}
          {...fieldAria(`${id}-duration`, { hint: true, error: field?.fields.duration_minutes })}
        >
          {[...new Set([...SHORTER.filter((m) => m < asked), asked])].map((m) => (
            <option key={m} value={m}>
              {durationWords(m)}
              {m === asked ? " (as asked)" : ""}
            </option>
          ))}
        </select>
      </FormField>
    </ConfirmDialog>
  );
}

function DenyDialog({ tenant, request: r }: { tenant: string; request: SupportRequest }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const step = useStep();
  const field = step.problem ? problemFields(step.problem.message, ["reason"]) : null;
  return (
    <ConfirmDialog
      trigger="Deny…"
      triggerSize="sm"
      tone="danger"
      title={r.state === "extension_requested" ? "Deny the longer access?" : "Deny support access?"}
      description={
        r.state === "extension_requested" ? (
          <p>
            {r.requester.name} keeps the access already granted until it ends; the extra time is refused. They are told
            at once.
          </p>
        ) : (
          <p>
            {r.requester.name} gets no access. The request ends here, whatever other admins decided; {r.requester.name}{" "}
            is told at once and must ask again.
          </p>
        )
      }
      confirmLabel="Deny"
      pendingLabel="Denying…"
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
          () => supportApi.deny(tenant, r.id, text ? { reason: text } : {}),
          (v) => `Denied: ${v.state_label}.`,
        );
        if (answer) setOpen(false);
      }}
    >
      <OptionalReasonField
        id={id}
        hint="The requester reads it."
        value={reason}
        onChange={setReason}
        error={field?.fields.reason}
        rows={3}
      />
    </ConfirmDialog>
  );
}

function OpenBreakGlassDialog({ tenant, request: r }: { tenant: string; request: SupportRequest }) {
  const [open, setOpen] = useState(false);
  const step = useStep();
  return (
    <ConfirmDialog
      trigger="Open break-glass…"
      triggerSize="sm"
      tone="danger"
      title="Open emergency access without the customer?"
      description={
        <>
          <p>
            {r.requester.name} gets {r.scope_text.replace(/\.$/, "")} at once, without the customer&apos;s approval, to
            answer a production alert.
          </p>
          <p>
            The customer&apos;s admins are told at once, the grant shows in red on their page, and a compliance officer
            who is neither of you must review it with a written rationale.
          </p>
        </>
      }
      confirmLabel="Open break-glass"
      pendingLabel="Opening…"
      pending={step.pending}
      error={step.problem?.message ?? null}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) step.reset();
      }}
      onConfirm={async () => {
        const answer = await step.run(
          () => supportApi.confirmBreakGlass(tenant, r.id),
          (v) => `Break-glass opened for ${v.requester.name}: ${v.state_label}.`,
        );
        if (answer) setOpen(false);
      }}
    />
  );
}

/** Requests waiting for a decision (new ones and longer access), each with what the caller may do. */
export function PendingRequests({
  tenant,
  requests,
  viewerName,
}: {
  tenant: string;
  requests: SupportRequest[];
  viewerName: string;
}) {
  if (requests.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">No request is waiting for a decision.</p>;
  return (
    <ul className="space-y-4">
      {requests.map((r) => (
        <li
          key={r.id}
          data-testid="pending-request"
          data-request={r.id}
          className={`rounded-lg border p-4 ${r.break_glass ? "border-red-400 dark:border-red-800" : "border-slate-200 dark:border-slate-800"}`}
        >
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <h3 className="font-semibold">
              {r.break_glass ? "Break-glass request" : r.state === "extension_requested" ? "Longer access" : "Access"}{" "}
              for {r.requester.name}
            </h3>
            <StateBadges request={r} />
          </div>
          <RequestFacts request={r} />
          {(r.allowed_actions.includes("approve") ||
            r.allowed_actions.includes("deny") ||
            r.allowed_actions.includes("confirm")) && (
            <div className="mt-4 flex flex-wrap gap-2">
              {r.allowed_actions.includes("approve") && (
                <ApproveDialog tenant={tenant} request={r} viewerName={viewerName} />
              )}
              {r.allowed_actions.includes("deny") && <DenyDialog tenant={tenant} request={r} />}
              {r.allowed_actions.includes("confirm") && <OpenBreakGlassDialog tenant={tenant} request={r} />}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
