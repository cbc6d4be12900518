import "server-only";
import { cache } from "react";
import { getTenantLineage, type LineageView } from "@/modules/lineage/server/graph";
import { pageActor, pageCall } from "@/platform/http/page";

/**
 * The summary (regions, cross-border pairs, totals, findings: aggregated by the database) is
 * the section's gate in the layout and the page's first read; React's request cache makes that
 * one read, not two. The whole graph is read only when the page needs it (a small graph).
 */
export const readLineage = cache(async (tenant: string, path: string, view: LineageView) => {
  const actor = await pageActor();
  return pageCall(() => getTenantLineage(actor, tenant, { view }, { surface: "page", path }));
});
