import type { Metadata } from "next";
import { ownEngagement } from "@/modules/evidence/server/auditors";
import { EvidenceView } from "@/modules/evidence/ui/evidence-view";
import { pageTenantShell } from "@/modules/tenants/server/shell";
import { pageActor, pageCall, pageOrigin } from "@/platform/http/page";

export const metadata: Metadata = { title: "Evidence packages" };

/**
 * Downloading the tenant's evidence package for a period. An auditor (whoever the policy lets
 * open "Your engagement", nda.accept) also sees the engagement's periods, which bound the download.
 */
export default async function EvidencePage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const shell = await pageTenantShell(tenant);
  const auditor = shell.nav.some((item) => item.action === "nda.accept");
  const engagement = auditor
    ? await pageCall(async () => ownEngagement(await pageActor(), tenant, await pageOrigin()))
    : null;
  return (
    <EvidenceView
      tenant={{ slug: shell.tenant.slug, name: shell.tenant.name }}
      now={new Date().toISOString()}
      engagement={
        engagement
          ? { scope_from: engagement.scope_from, scope_to: engagement.scope_to, expires_at: engagement.expires_at }
          : null
      }
    />
  );
}
