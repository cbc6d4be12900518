import "server-only";
import { cache } from "react";
import { getTenantMap } from "@/modules/tenants/server/map";
import { pageActor, pageCall } from "@/platform/http/page";

/** The layout (the section's gate) and the page share one read per request. */
export const readMap = cache(async (tenant: string, path: string) => {
  const actor = await pageActor();
  return pageCall(() => getTenantMap(actor, tenant, { surface: "page", path }));
});
