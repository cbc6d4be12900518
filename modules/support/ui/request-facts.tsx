import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import { durationWords } from "@/modules/support/domain/scope-text";
import type { SupportRequest } from "@/modules/support/client";
import { approvalsWords, approversThisRound, countryWords, stateTone } from "@/modules/support/ui/words";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 break-words">{children}</dd>
    </div>
  );
}

/** The state of a request in words, red for break-glass until a compliance officer reviewed it. */
export function StateBadges({
  request: r,
}: {
  request: Pick<SupportRequest, "state" | "state_label" | "break_glass" | "needs_review">;
}) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <Badge tone={stateTone(r.state)}>{r.state_label}</Badge>
      {r.break_glass && <Badge tone="danger">Break-glass</Badge>}
      {r.needs_review && <Badge tone="danger">Needs review</Badge>}
    </span>
  );
}

/**
 * Everything an approver reads before deciding: what the grant would allow in plain words, why,
 * the ticket, who asks (name, job title, employer) and from where (office and physical location),
 * the approvals so far and when the request lapses.
 */
export function RequestFacts({ request: r }: { request: SupportRequest }) {
  const extension = r.state === "extension_requested" && r.extension;
  const approvers = approversThisRound(r);
  return (
    <div className="space-y-3 text-sm">
      <p className="font-medium" data-testid="scope-text">
        {r.scope_text}
      </p>
      {extension && (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-2 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          Asks for {durationWords(r.extension!.minutes)} more: {r.extension!.detail}
        </p>
      )}
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
        <Fact label="Requested by">
          <span className="font-medium">{r.requester.name}</span>
          {r.requester.job_title ? `, ${r.requester.job_title}` : ""}
        </Fact>
        <Fact label="Employer">{r.requester.employer}</Fact>
        <Fact label="Office country">{countryWords(r.requester.office_country)}</Fact>
        <Fact label="Working from (physical location)">{countryWords(r.requester.location_country)}</Fact>
        <Fact label="Reason">{r.reason_label}</Fact>
        <Fact label="Ticket">{r.ticket ?? "none given"}</Fact>
        <Fact label="Approvals">
          {approvalsWords(r)}
          {approvers.length > 0 && ` (${approvers.join(", ")})`}
        </Fact>
        <Fact label={extension ? "Extension request lapses" : "Request lapses without a decision"}>
          <Time iso={extension ? (r.extension!.expires_at ?? r.expires_at) : r.expires_at} />
        </Fact>
        {!extension && (
          <Fact label="Access would start">
            <Time iso={r.requested_start} /> (or when approved, if later)
          </Fact>
        )}
      </dl>
      <div>
        <div className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
          What they will do
        </div>
        <p className="mt-0.5 whitespace-pre-line break-words">{r.detail}</p>
      </div>
    </div>
  );
}
