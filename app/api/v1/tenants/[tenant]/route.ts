import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/modules/tenants/api-schemas";
import { getTenantOverview } from "@/modules/tenants/server/overview";

export const dynamic = "force-dynamic";

/** The tenant overview: tier, home region, stores by region with data classes and counts. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path }) => getTenantOverview(actor, params.tenant, { surface: "api", path }),
});
