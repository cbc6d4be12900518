import "server-only";
import { cache } from "react";
import { getTenantLineage } from "@/lib/data/lineage-graph";
import { pageActor, pageCall } from "@/lib/http/page";

/**
 * The layout (the section's gate) and the page both need the graph; React's request cache
 * makes that one read of the register, not two, which matters at 5,000 nodes.
 */
export const readLineage = cache(async (tenant: string, path: string) => {
  const actor = await pageActor();
  return pageCall(() => getTenantLineage(actor, tenant, {}, { surface: "page", path }));
});
