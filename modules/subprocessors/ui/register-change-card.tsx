import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import type { RegisterChange } from "@/modules/subprocessors/client";
import { ChangeDiff } from "@/modules/subprocessors/ui/register-diff";
import { ChangeActions, type ReviewContext } from "@/modules/subprocessors/ui/register-review-actions";
import { CHANGE_STATE_TONES, changeStateWords } from "@/modules/subprocessors/ui/register-words";

const TERM = "text-slate-600 dark:text-slate-400";

function EffectiveLine({ change }: { change: RegisterChange }) {
  if (change.state === "effective")
    return (
      <>
        <dt className={TERM}>Took effect</dt>
        <dd>
          <Time iso={change.applied_at ?? change.effective_at} />
        </dd>
      </>
    );
  if (change.state === "announced")
    return (
      <>
        <dt className={TERM}>Takes effect</dt>
        <dd data-testid="change-effective-at">
          <Time iso={change.effective_at} />
          {change.shortened && <> (notice shortened: urgent replacement)</>}
        </dd>
      </>
    );
  if (change.state !== "proposed" || !change.requested_effective_at) return null;
  return (
    <>
      <dt className={TERM}>Date asked for</dt>
      <dd>
        <Time iso={change.requested_effective_at} />
      </dd>
    </>
  );
}

/** One change: what it is, who proposed and reviewed it when, its readable diff, and what the viewer may do. */
export function ChangeCard({ change, ctx }: { change: RegisterChange; ctx: ReviewContext }) {
  const headingId = `change-${change.id}-heading`;
  return (
    <article
      aria-labelledby={headingId}
      className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      data-testid="register-change"
      data-state={change.state}
    >
      <h3 id={headingId} className="flex flex-wrap items-center gap-2 font-semibold">
        <span>
          {change.kind_label}: {change.name}
        </span>
        <Badge tone={CHANGE_STATE_TONES[change.state]}>{changeStateWords(change.state)}</Badge>
      </h3>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className={TERM}>Proposed</dt>
        <dd>
          by {change.author.name} on <Time iso={change.created_at} />
        </dd>
        <EffectiveLine change={change} />
        {change.urgent_reason && (
          <>
            <dt className={TERM}>Urgent replacement</dt>
            <dd className="break-words whitespace-pre-wrap" data-testid="change-urgent-reason">
              {change.urgent_reason}
            </dd>
          </>
        )}
        {change.reviewer && (
          <>
            <dt className={TERM}>{change.state === "rejected" ? "Rejected" : "Reviewed"}</dt>
            <dd>
              by {change.reviewer.name} on <Time iso={change.reviewed_at} />
            </dd>
          </>
        )}
        {change.review_note && (
          <>
            <dt className={TERM}>Note</dt>
            <dd className="break-words whitespace-pre-wrap">{change.review_note}</dd>
          </>
        )}
        {change.open_objections > 0 && (
          <>
            <dt className={TERM}>Objections</dt>
            <dd>
              {change.open_objections} open objection{change.open_objections === 1 ? "" : "s"}, in the compliance
              officers&apos; objection queue
            </dd>
          </>
        )}
      </dl>
      <section aria-label={`What changes: ${change.name}`}>
        <ChangeDiff change={change} names={ctx.names} />
      </section>
      {(change.allowed_actions.length > 0 || change.four_eyes) && <ChangeActions change={change} ctx={ctx} />}
    </article>
  );
}
