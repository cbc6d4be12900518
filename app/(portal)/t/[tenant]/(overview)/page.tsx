import type { Metadata } from "next";
import { TenantOverviewView } from "@/modules/tenants/ui/tenant-overview";
import { getTenantOverview } from "@/modules/tenants/server/overview";
import { pageActor, pageCall, requestPath } from "@/platform/http/page";

export const metadata: Metadata = { title: "Overview" };

export default async function TenantOverviewPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const actor = await pageActor();
  const path = await requestPath();
  const overview = await pageCall(() => getTenantOverview(actor, tenant, { surface: "page", path }));
  return <TenantOverviewView overview={overview} />;
}
