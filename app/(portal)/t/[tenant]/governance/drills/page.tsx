import type { Metadata } from "next";
import { DrillsView } from "@/modules/drills/ui/drills-view";
import { tenantDrillsPage } from "@/modules/drills/server/page";
import { pageActor, pageCall, requestPath } from "@/platform/http/page";

export const metadata: Metadata = { title: "Drills" };

/** The tenant's residency drills: start one (with the consequences named), follow it, its signed reports, schedules, the consent. */
export default async function TenantDrillsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const actor = await pageActor();
  const request = { surface: "page", path: await requestPath() } as const;
  const view = await pageCall(() => tenantDrillsPage(actor, tenant, request));
  return <DrillsView initial={view.list} consent={view.consent} schedules={view.schedules} />;
}
