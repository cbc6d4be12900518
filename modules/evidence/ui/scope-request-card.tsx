import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import type { ScopeRequest } from "@/modules/evidence/client";
import { ACCESS_WORDS, REQUEST_STATE_TONES, REQUEST_STATE_WORDS } from "@/modules/evidence/ui/words";

/** A request for more access: what was asked and why, and how it was decided. */
export function ScopeRequestCard({
  request,
  who,
  headingLevel = 3,
  children,
}: {
  request: ScopeRequest;
  /** "You" on the auditor's page; their name on the Auditors page. */
  who: string;
  headingLevel?: 2 | 3;
  children?: ReactNode;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = `scope-request-${request.id}-heading`;
  return (
    <article
      id={`scope-request-${request.id}`}
      aria-labelledby={headingId}
      className="max-w-2xl space-y-2 rounded border border-slate-200 p-4 text-sm dark:border-slate-800"
      data-testid="scope-request"
    >
      <Heading id={headingId} className="flex flex-wrap items-center gap-2 font-semibold">
        <span>
          {who} asked for more access on <Time iso={request.requested_at} />
        </span>
        <Badge tone={REQUEST_STATE_TONES[request.state]}>{REQUEST_STATE_WORDS[request.state]}</Badge>
      </Heading>
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-600 dark:text-slate-400">Asked for</dt>
        <dd>
          {ACCESS_WORDS[request.access]}, periods <Time iso={request.from} format="date" /> to{" "}
          <Time iso={request.to} format="date" /> (end not included)
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">Had then</dt>
        <dd>
          {ACCESS_WORDS[request.current.access]},{" "}
          {request.current.from ? <Time iso={request.current.from} format="date" /> : "any time"} to{" "}
          {request.current.to ? <Time iso={request.current.to} format="date" /> : "now"}
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">Reason</dt>
        <dd className="break-words whitespace-pre-wrap">{request.reason}</dd>
        {request.decided_at && (
          <>
            <dt className="text-slate-600 dark:text-slate-400">Decided</dt>
            <dd>
              <Time iso={request.decided_at} />
              {request.decided_by ? ` by ${request.decided_by.name}` : ""}
            </dd>
          </>
        )}
        {request.note && (
          <>
            <dt className="text-slate-600 dark:text-slate-400">Note</dt>
            <dd className="break-words whitespace-pre-wrap">{request.note}</dd>
          </>
        )}
      </dl>
      {children}
    </article>
  );
}
