import "server-only";
import { cache } from "react";
import { getTenantMap } from "@/lib/data/tenant-map";
import { pageActor, pageCall } from "@/lib/http/page";

/** The layout (the section's gate) and the page share one read per request. */
export const readMap = cache(async (tenant: string, path: string) => {
  const actor = await pageActor();
  return pageCall(() => getTenantMap(actor, tenant, { surface: "page", path }));
});
