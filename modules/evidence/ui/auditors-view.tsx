import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { activityCsvUrl, type AuditorList, type EvidenceActivityList, type NdaView } from "@/modules/evidence/client";
import { InviteAuditorForm } from "@/modules/evidence/ui/invite-auditor-form";
import { NdaEditor } from "@/modules/evidence/ui/nda-editor";
import { RevokeAuditorButton } from "@/modules/evidence/ui/revoke-auditor-button";
import { ScopeRequestsSection } from "@/modules/evidence/ui/scope-requests-section";
import { ACCESS_WORDS, ACTIVITY_WORDS, STATE_TONES, STATE_WORDS } from "@/modules/evidence/ui/words";

/** The tenant's auditors: who may read what until when, inviting and revoking, the NDA, who read what. */
export function AuditorsView({
  tenant,
  list,
  nda,
  activity,
  now,
}: {
  tenant: { slug: string; name: string };
  list: AuditorList;
  nda: NdaView;
  activity: EvidenceActivityList["activity"];
  now: string;
}) {
  const canManage = list.allowed_actions.includes("auditors.manage");
  const live = list.auditors.filter((a) => a.state === "active" || a.state === "awaiting_nda");
  const asking = live.filter((a) => a.scope_request?.state === "pending");
  return (
    <div className="mx-auto max-w-6xl space-y-8 p-4 sm:p-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Auditors</h1>
        <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          People outside {tenant.name} who examine its residency: each reads only what their engagement covers, only
          after accepting the NDA below, and only until the engagement ends. Every view and download is listed here.
        </p>
      </div>

      <ScopeRequestsSection tenant={tenant.slug} asking={asking} canManage={canManage} />

      <section aria-labelledby="auditors-list" className="space-y-3">
        <h2 id="auditors-list" className="text-lg font-semibold">
          Engagements
        </h2>
        <Table
          caption={`Auditors of ${tenant.name}, current engagements first`}
          rows={list.auditors}
          rowKey={(a) => a.id}
          empty="No auditor has been invited."
          data-testid="auditors-table"
          columns={[
            {
              key: "who",
              header: "Auditor",
              rowHeader: true,
              cell: (a) => (
                <>
                  <div className="font-medium">{a.name}</div>
                  <div className="text-xs break-all text-slate-600 dark:text-slate-400">{a.email}</div>
                </>
              ),
            },
            {
              key: "state",
              header: "State",
              cell: (a) => <Badge tone={STATE_TONES[a.state]}>{STATE_WORDS[a.state]}</Badge>,
            },
            {
              key: "scope",
              header: "May read",
              className: "min-w-44",
              cell: (a) => (
                <>
                  <div>{ACCESS_WORDS[a.access]}</div>
                  <div className="text-xs text-slate-600 dark:text-slate-400">
                    {a.scope_from ? <Time iso={a.scope_from} format="date" /> : "any time"} to{" "}
                    {a.scope_to ? <Time iso={a.scope_to} format="date" /> : "now"}
                  </div>
                  {a.scope_request?.state === "pending" && (a.state === "active" || a.state === "awaiting_nda") && (
                    <a className="text-xs underline" href={`#scope-request-${a.scope_request.id}`}>
                      Asks for more access
                    </a>
                  )}
                </>
              ),
            },
            {
              key: "expires",
              header: "Access ends",
              className: "min-w-40",
              cell: (a) =>
                a.revoked_at ? (
                  <>
                    Revoked <Time iso={a.revoked_at} />
                    {a.revoked_by ? ` by ${a.revoked_by.name}` : ""}
                  </>
                ) : a.expires_at ? (
                  <Time iso={a.expires_at} />
                ) : (
                  "when revoked"
                ),
            },
            {
              key: "nda",
              header: "NDA",
              cell: (a) =>
                a.nda ? (
                  <>
                    Version {a.nda.version}, <Time iso={a.nda.accepted_at} />
                  </>
                ) : (
                  "Not accepted"
                ),
            },
            ...(canManage
              ? [
                  {
                    key: "actions",
                    header: "Actions",
                    cell: (a: AuditorList["auditors"][number]) =>
                      a.state === "active" || a.state === "awaiting_nda" ? (
                        <RevokeAuditorButton tenant={tenant.slug} auditor={a} />
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </section>

      {canManage && (
        <section aria-labelledby="auditors-invite" className="space-y-3">
          <h2 id="auditors-invite" className="text-lg font-semibold">
            Invite an auditor
          </h2>
          <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
            The auditor signs in on this region&apos;s instance with this address (through your identity provider) and
            accepts the NDA before seeing anything. Access ends at most 90 days from today.
          </p>
          <InviteAuditorForm tenant={tenant.slug} now={now} />
        </section>
      )}

      <section aria-labelledby="auditors-nda" className="space-y-3">
        <h2 id="auditors-nda" className="text-lg font-semibold">
          Non-disclosure agreement
        </h2>
        <p className="text-xs break-all text-slate-600 dark:text-slate-400">
          Version {nda.version}
          {nda.set_at ? (
            <>
              , set <Time iso={nda.set_at} />
            </>
          ) : (
            " (the default text)"
          )}
          . SHA-256 <code>{nda.sha256}</code>
        </p>
        {canManage ? (
          <NdaEditor tenant={tenant.slug} nda={nda} activeAuditors={live.filter((a) => a.nda).length} />
        ) : (
          <div className="max-w-3xl rounded border border-slate-200 p-4 text-sm whitespace-pre-wrap dark:border-slate-800">
            {nda.text}
          </div>
        )}
      </section>

      <section aria-labelledby="auditors-activity" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="auditors-activity" className="text-lg font-semibold">
            Who viewed and downloaded what
          </h2>
          <a href={activityCsvUrl(tenant.slug)} download className={buttonClass({ size: "xs" })}>
            Export as CSV
          </a>
        </div>
        <Table
          caption={`Views and downloads of ${tenant.name}'s evidence, newest first (the latest 100 here; the CSV has all)`}
          rows={activity.slice(0, 100)}
          rowKey={(a) => a.id}
          empty="Nobody has viewed or downloaded evidence yet."
          data-testid="evidence-activity"
          columns={[
            { key: "at", header: "When", className: "min-w-40", cell: (a) => <Time iso={a.at} /> },
            {
              key: "who",
              header: "Who",
              rowHeader: true,
              cell: (a) => (
                <>
                  <div>{a.user.name}</div>
                  <div className="text-xs break-all text-slate-600 dark:text-slate-400">{a.user.email}</div>
                </>
              ),
            },
            { key: "what", header: "What", cell: (a) => ACTIVITY_WORDS[a.kind] ?? a.kind },
            {
              key: "digest",
              header: "Digest of what was served",
              className: "font-mono text-xs",
              cell: (a) => (a.sha256 ? <span className="break-all">{a.sha256}</span> : "—"),
            },
            { key: "ip", header: "From", className: "font-mono text-xs", cell: (a) => a.ip },
          ]}
        />
      </section>
    </div>
  );
}
