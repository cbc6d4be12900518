import { apiRoute } from "@/platform/http/api-route";
import { listRegionTenants } from "@/modules/tenants/server/directory";

export const dynamic = "force-dynamic";

/** Provider staff: every tenant homed in this region. */
export const GET = apiRoute({
  auth: "required",
  handler: async ({ actor }) => ({ tenants: await listRegionTenants(actor) }),
});
