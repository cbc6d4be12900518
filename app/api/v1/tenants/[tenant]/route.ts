import { apiRoute } from "@/lib/http/api-route";
import { tenantParams } from "@/lib/http/params";
import { getTenantOverview } from "@/lib/data/tenant-overview";

export const dynamic = "force-dynamic";

/** The tenant overview: tier, home region, stores by region with data classes and counts. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path }) => getTenantOverview(actor, params.tenant, { surface: "api", path }),
});
