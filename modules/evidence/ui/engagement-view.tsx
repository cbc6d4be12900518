import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import type { AuditorSummary, NdaView, ScopeRequestList } from "@/modules/evidence/client";
import { AcceptNdaForm } from "@/modules/evidence/ui/accept-nda-form";
import { ScopeRequestCard } from "@/modules/evidence/ui/scope-request-card";
import { ScopeRequestForm } from "@/modules/evidence/ui/scope-request-form";
import { ACCESS_WORDS, STATE_TONES, STATE_WORDS } from "@/modules/evidence/ui/words";

/** An auditor's landing page: the NDA to accept first, what the engagement covers, until when. */
export function EngagementView({
  tenant,
  engagement,
  nda,
  requests,
  next,
}: {
  tenant: { slug: string; name: string };
  engagement: AuditorSummary;
  nda: NdaView;
  requests: ScopeRequestList;
  next: string;
}) {
  const accepted = nda.accepted_at !== null;
  const newest = requests.requests[0] ?? null;
  const canAsk = requests.allowed_actions.includes("engagement.scope.request");
  return (
    <div className="mx-auto max-w-6xl space-y-8 p-4 sm:p-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Your engagement with {tenant.name}</h1>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <Badge tone={STATE_TONES[engagement.state]}>{STATE_WORDS[engagement.state]}</Badge>
          {engagement.invited_by && <span>Invited by {engagement.invited_by.name}</span>}
        </p>
      </div>

      <section aria-labelledby="engagement-scope" className="space-y-2">
        <h2 id="engagement-scope" className="text-lg font-semibold">
          What you may read
        </h2>
        <dl className="grid max-w-2xl gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-600 dark:text-slate-400">Access</dt>
          <dd>{ACCESS_WORDS[engagement.access]}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Periods</dt>
          <dd>
            {engagement.scope_from ? <Time iso={engagement.scope_from} format="date" /> : "any time"} to{" "}
            {engagement.scope_to ? <Time iso={engagement.scope_to} format="date" /> : "now"} (end not included)
          </dd>
          <dt className="text-slate-600 dark:text-slate-400">Access ends</dt>
          <dd>{engagement.expires_at ? <Time iso={engagement.expires_at} /> : "when revoked"}</dd>
        </dl>
      </section>

      <section aria-labelledby="engagement-more" className="space-y-3">
        <h2 id="engagement-more" className="text-lg font-semibold">
          Request more access
        </h2>
        {newest && <ScopeRequestCard request={newest} who="You" />}
        {newest?.state === "pending" || canAsk ? (
          <ScopeRequestForm
            tenant={tenant.slug}
            tenantName={tenant.name}
            engagement={engagement}
            waiting={newest?.state === "pending"}
          />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Once you have accepted the NDA below, you can ask {tenant.name} for more periods or full evidence here.
          </p>
        )}
      </section>

      <section aria-labelledby="engagement-nda" className="space-y-3">
        <h2 id="engagement-nda" className="text-lg font-semibold">
          Non-disclosure agreement, version {nda.version}
        </h2>
        <div
          tabIndex={0}
          role="region"
          aria-label={`Text of the NDA, version ${nda.version}`}
          className="max-h-80 max-w-3xl overflow-y-auto rounded border border-slate-200 p-4 text-sm whitespace-pre-wrap dark:border-slate-800"
          data-testid="nda-text"
        >
          {nda.text}
        </div>
        <p className="text-xs break-all text-slate-600 dark:text-slate-400">
          SHA-256 of this text: <code>{nda.sha256}</code>
        </p>
        {accepted ? (
          <p className="text-sm" data-testid="nda-accepted">
            You accepted this version on <Time iso={nda.accepted_at!} />.{" "}
            <Link className="underline" href={`/t/${tenant.slug}/attestations`}>
              Go to the attestations
            </Link>
          </p>
        ) : nda.allowed_actions.includes("nda.accept") ? (
          <AcceptNdaForm tenant={tenant.slug} tenantName={tenant.name} sha256={nda.sha256} next={next} />
        ) : null}
      </section>
    </div>
  );
}
