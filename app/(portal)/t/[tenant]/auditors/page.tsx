import type { Metadata } from "next";
import { listEvidenceActivity } from "@/modules/evidence/server/activity";
import { listAuditors } from "@/modules/evidence/server/auditors";
import { readNda } from "@/modules/evidence/server/nda";
import { AuditorsView } from "@/modules/evidence/ui/auditors-view";
import { pageTenantShell } from "@/modules/tenants/server/shell";
import { pageActor, pageCall, pageOrigin } from "@/platform/http/page";

export const metadata: Metadata = { title: "Auditors" };

/** The tenant's auditor engagements, the NDA they accept, and who viewed what. */
export default async function AuditorsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const actor = await pageActor();
  const request = await pageOrigin();
  const [shell, list, nda, activity] = await Promise.all([
    pageTenantShell(tenant),
    pageCall(() => listAuditors(actor, tenant, request)),
    pageCall(() => readNda(actor, tenant, request)),
    pageCall(() => listEvidenceActivity(actor, tenant, request)),
  ]);
  return (
    <AuditorsView
      tenant={{ slug: shell.tenant.slug, name: shell.tenant.name }}
      list={list}
      nda={nda}
      activity={activity.activity}
      now={new Date().toISOString()}
    />
  );
}
