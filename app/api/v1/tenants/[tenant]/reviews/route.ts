import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { listTenantReviews } from "@/modules/reviews/server/tenant-view";

export const dynamic = "force-dynamic";

/** The review items about the tenant and their outcomes. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path }) => listTenantReviews(actor, params.tenant, { surface: "api", path }),
});
