import type { Metadata } from "next";
import { TenantLawfulAccessView } from "@/modules/lawful-access/ui/tenant-view";
import { getTenantLawfulAccess } from "@/modules/lawful-access/server/tenant-view";
import { pageActor, pageCall, requestPath } from "@/platform/http/page";

export const metadata: Metadata = { title: "Lawful access" };

/** The government and law-enforcement requests that concern the tenant, unless a prohibition holds. */
export default async function TenantLawfulAccessPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const actor = await pageActor();
  const request = { surface: "page", path: await requestPath() } as const;
  const view = await pageCall(() => getTenantLawfulAccess(actor, tenant, request));
  return <TenantLawfulAccessView view={view} />;
}
