import type { Metadata } from "next";
import { ownEngagement } from "@/modules/evidence/server/auditors";
import { readNda } from "@/modules/evidence/server/nda";
import { listOwnScopeRequests } from "@/modules/evidence/server/scope-requests";
import { EngagementView } from "@/modules/evidence/ui/engagement-view";
import { pageTenantShell } from "@/modules/tenants/server/shell";
import { pageActor, pageCall, pageOrigin } from "@/platform/http/page";

export const metadata: Metadata = { title: "Your engagement" };

/** Only a path of this tenant's portal is a place to go back to after accepting. */
function nextPath(tenant: string, next: string | undefined): string {
  return next && next.startsWith(`/t/${tenant}/`) && !next.startsWith(`/t/${tenant}/engagement`) && !next.includes("//")
    ? next
    : `/t/${tenant}/attestations`;
}

export default async function EngagementPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ next?: string }>;
}) {
  const { tenant } = await params;
  const { next } = await searchParams;
  const actor = await pageActor();
  const request = await pageOrigin();
  const [shell, engagement, nda, requests] = await Promise.all([
    pageTenantShell(tenant),
    pageCall(() => ownEngagement(actor, tenant, request)),
    pageCall(() => readNda(actor, tenant, request)),
    pageCall(() => listOwnScopeRequests(actor, tenant, request)),
  ]);
  return (
    <EngagementView
      tenant={{ slug: shell.tenant.slug, name: shell.tenant.name }}
      engagement={engagement}
      nda={nda}
      requests={requests}
      next={nextPath(shell.tenant.slug, typeof next === "string" ? next : undefined)}
    />
  );
}
