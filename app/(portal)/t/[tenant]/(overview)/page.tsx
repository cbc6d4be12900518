import type { Metadata } from "next";
import { TenantOverviewView } from "@/components/tenant/tenant-overview";
import { getTenantOverview } from "@/lib/data/tenant-overview";
import { pageActor, pageCall, requestPath } from "@/lib/http/page";

export const metadata: Metadata = { title: "Overview" };

export default async function TenantOverviewPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const actor = await pageActor();
  const path = await requestPath();
  const overview = await pageCall(() => getTenantOverview(actor, tenant, { surface: "page", path }));
  return <TenantOverviewView overview={overview} />;
}
