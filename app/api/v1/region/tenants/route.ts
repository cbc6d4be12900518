import { apiRoute } from "@/lib/http/api-route";
import { listRegionTenants } from "@/lib/data/tenant-directory";

export const dynamic = "force-dynamic";

/** Provider staff: every tenant homed in this region. */
export const GET = apiRoute({
  auth: "required",
  handler: async ({ actor }) => ({ tenants: await listRegionTenants(actor) }),
});
