import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { envelopeUrl, indexUrl, pdfUrl, type AttestationList } from "@/modules/attestations/client";
import { IssueAttestationForm } from "@/modules/attestations/ui/issue-form";
import { ReviewAttestation } from "@/modules/attestations/ui/review-attestation";
import { OnlineCheckCell } from "@/modules/attestations/ui/online-check-cell";
import { KIND_WORDS, RESULT_WORDS, shortDigest, STATE_WORDS } from "@/modules/attestations/ui/words";

/** The tenant's signed residency attestations, issuing one now, and how to check one. */
export function AttestationsView({
  tenant,
  list,
  now,
}: {
  tenant: { slug: string; name: string };
  list: AttestationList;
  now: string;
}) {
  const canIssue = list.allowed_actions.includes("attestations.issue");
  return (
    <div className="mx-auto max-w-6xl space-y-8 p-4 sm:p-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Attestations</h1>
        <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          Statements signed by this region of where {tenant.name}&apos;s data was, what crossed a border and under which
          decision, who held its keys and how provider staff reached it, for a period that has ended. Terrane issues one
          for every month on the 1st; anyone holding one checks it with the region&apos;s public key.
        </p>
      </div>

      {canIssue && (
        <section aria-labelledby="attestations-issue" className="space-y-3">
          <h2 id="attestations-issue" className="text-lg font-semibold">
            Issue an attestation now
          </h2>
          <IssueAttestationForm tenant={tenant.slug} now={now} />
        </section>
      )}

      <section aria-labelledby="attestations-list" className="space-y-3">
        <h2 id="attestations-list" className="text-lg font-semibold">
          Issued attestations
        </h2>
        <Table
          caption={`Residency attestations of ${tenant.name}, newest period first`}
          rows={list.attestations}
          rowKey={(a) => a.id}
          empty="No attestation yet. The first monthly one is issued on the 1st of next month."
          data-testid="attestations-table"
          columns={[
            {
              key: "period",
              header: "Period",
              rowHeader: true,
              className: "min-w-44",
              cell: (a) => (
                <>
                  <div className="font-medium">
                    {KIND_WORDS[a.kind]} {a.period}
                  </div>
                  <div className="text-xs text-slate-600 dark:text-slate-400">
                    <Time iso={a.from} format="date" /> to <Time iso={a.to} format="date" /> (end not included)
                  </div>
                </>
              ),
            },
            {
              key: "result",
              header: "Result",
              cell: (a) => (
                <Badge tone={a.result === "PASSED" ? "success" : "danger"} title={RESULT_WORDS[a.result]}>
                  {RESULT_WORDS[a.result]}
                </Badge>
              ),
            },
            {
              key: "state",
              header: "State",
              className: "min-w-40",
              cell: (a) => (
                <div className="space-y-1">
                  <div>{STATE_WORDS[a.state]}</div>
                  {a.review && (
                    <div className="text-xs text-slate-600 dark:text-slate-400">
                      by {a.review.by.name}, <Time iso={a.review.at} />: {a.review.note}
                    </div>
                  )}
                  {a.allowed_actions.includes("attestations.review") && (
                    <ReviewAttestation tenant={tenant.slug} attestation={a} />
                  )}
                </div>
              ),
            },
            {
              key: "issued",
              header: "Issued",
              className: "min-w-40",
              cell: (a) => (
                <>
                  <div>
                    <Time iso={a.issued_at} />
                  </div>
                  <div className="text-xs text-slate-600 dark:text-slate-400">
                    by {a.issued_by.name ?? "a person no longer here"}
                  </div>
                </>
              ),
            },
            {
              key: "digest",
              header: "Digest",
              className: "font-mono text-xs",
              cell: (a) => (
                <span title={a.digest}>
                  <span aria-hidden="true">{shortDigest(a.digest)}</span>
                  <span className="sr-only">{a.digest}</span>
                </span>
              ),
            },
            {
              key: "verified",
              header: "Checked on this view",
              className: "min-w-40",
              cell: (a) => <OnlineCheckCell check={a.verification} />,
            },
            {
              key: "download",
              header: "Download",
              cell: (a) => (
                <div className="flex flex-col items-start">
                  <a href={envelopeUrl(tenant.slug, a.id)} download className={buttonClass({ variant: "link" })}>
                    Signed statement (.intoto.json)<span className="sr-only"> for {a.period}</span>
                  </a>
                  <a href={pdfUrl(tenant.slug, a.id)} download className={buttonClass({ variant: "link" })}>
                    Readable PDF<span className="sr-only"> for {a.period}</span>
                  </a>
                </div>
              ),
            },
          ]}
        />
      </section>

      <section aria-labelledby="attestations-verify" className="space-y-3">
        <h2 id="attestations-verify" className="text-lg font-semibold">
          How to check one
        </h2>
        <ol className="max-w-3xl list-decimal space-y-2 pl-5 text-sm">
          <li>
            <code>sha256sum</code> on the downloaded file gives the digest shown above.
          </li>
          <li>
            With Terrane&apos;s command line, from a clone:{" "}
            <code className="break-all">
              npx terrane verify {tenant.slug}-2026-11.intoto.json --jwks {"<this region>"}/.well-known/jwks.json
            </code>{" "}
            checks the region&apos;s signature and that the facts are the ones signed, and prints the result.
          </li>
          <li>
            That none was deleted or swapped: the{" "}
            <a className="underline" href={indexUrl(tenant.slug)} download>
              signed index of all attestations
            </a>{" "}
            lists every digest; <code>terrane verify</code> checks it too, and each new version names the one before.
          </li>
          <li>
            The facts follow a published schema:{" "}
            <a className="underline" href="/schemas/attestation/residency/v1.json">
              residency predicate v1
            </a>
            .
          </li>
        </ol>
      </section>
    </div>
  );
}
