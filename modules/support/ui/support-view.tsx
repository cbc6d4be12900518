import type { ReactNode } from "react";
import { FINAL_STATES } from "@/modules/support/domain/model";
import type { AccessDay, SupportPolicy, SupportRequest, SupportRequestList } from "@/modules/support/client";
import type { RequestFormOptions } from "@/modules/support/server/desk";
import { AccessLog } from "@/modules/support/ui/access-log";
import { ActiveGrants } from "@/modules/support/ui/active-grants";
import { HistoryTable } from "@/modules/support/ui/history-table";
import { MyRequests } from "@/modules/support/ui/my-requests";
import { PendingRequests } from "@/modules/support/ui/pending-requests";
import { PolicyForm } from "@/modules/support/ui/policy-form";
import { RequestAccessPanel } from "@/modules/support/ui/request-form";
import { SupportAnnouncer } from "@/modules/support/ui/use-step";

function Section({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {intro && <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">{intro}</p>}
      {children}
    </section>
  );
}

const isFinal = (r: SupportRequest) => FINAL_STATES.includes(r.state);
const isPending = (r: SupportRequest) => r.state === "pending" || r.state === "extension_requested";
const isGranted = (r: SupportRequest) =>
  r.grant !== null && (r.state === "approved" || r.state === "active" || r.state === "extension_requested");

export interface SupportViewProps {
  tenant: { slug: string; name: string };
  viewerName: string;
  list: SupportRequestList;
  policy: SupportPolicy;
  /** The access log's daily counts; null for callers who see only their own requests. */
  daily: AccessDay[] | null;
  /** The request form's choices; null for callers who may not ask for access. */
  formOptions: RequestFormOptions | null;
}

/**
 * The tenant's Support access section. What shows comes from the policy's answers: a caller who
 * may ask for access (support.request) gets the form and their own requests; the tenant's people
 * and compliance officers get the requests to decide, the grants, the history and the access log.
 * Each control shows from the request's own allowed_actions.
 */
export function SupportView({ tenant, viewerName, list, policy, daily, formOptions }: SupportViewProps) {
  const requests = list.requests;
  const asker = list.allowed_actions.includes("support.request");
  const grantLabels = Object.fromEntries(
    requests.filter((r) => r.grant).map((r) => [r.grant!.id, `${r.requester.name}: ${r.scope_text}`]),
  );
  // Break-glass grants stay in view (in red) until reviewed, even once their time is over.
  const granted = requests.filter((r) => isGranted(r) || (r.needs_review && r.grant !== null));

  return (
    <SupportAnnouncer>
      <div className="mx-auto max-w-6xl space-y-8 p-4 sm:p-6">
        <div className="space-y-2">
          <h1 className="text-2xl font-semibold">Support access</h1>
          <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
            Provider staff see {tenant.name}&apos;s data only inside a grant its customer admins approved: scoped to
            stores and data classes, limited in time, revocable at once, and every access logged here.
          </p>
        </div>

        {asker && formOptions && (
          <>
            <Section
              id="support-ask"
              title="Ask for access"
              intro={`Your request goes to ${tenant.name}'s customer admins.`}
            >
              <RequestAccessPanel
                tenant={tenant.slug}
                tenantName={tenant.name}
                options={formOptions}
                maxGrantHours={policy.max_grant_hours}
                allowReadWrite={policy.allow_read_write}
              />
            </Section>
            <Section id="support-mine" title="My requests">
              <MyRequests requests={requests} />
            </Section>
          </>
        )}

        {!asker && (
          <>
            <Section
              id="support-pending"
              title="Waiting for a decision"
              intro={
                list.allowed_actions.includes("support.approve")
                  ? `${policy.approvals_required} of ${policy.customer_admins} customer admins must approve each request; read what it would allow before you decide.`
                  : undefined
              }
            >
              <PendingRequests tenant={tenant.slug} requests={requests.filter(isPending)} viewerName={viewerName} />
            </Section>
            <Section id="support-active" title="Access granted now">
              <ActiveGrants tenant={tenant.slug} requests={granted} />
            </Section>
            <Section id="support-history" title="History">
              <HistoryTable requests={requests.filter(isFinal)} />
            </Section>
            {daily && (
              <Section id="support-log" title="Access log">
                <AccessLog tenant={tenant.slug} daily={daily} grantLabels={grantLabels} />
              </Section>
            )}
          </>
        )}

        <Section id="support-policy" title="Approval policy">
          <PolicyForm tenant={tenant.slug} policy={policy} />
        </Section>
      </div>
    </SupportAnnouncer>
  );
}
