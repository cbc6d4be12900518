import { apiRoute } from "@/platform/http/api-route";
import { matrixQuery, tenantParams } from "@/modules/sharing/api-schemas";
import { sharingMatrix } from "@/modules/sharing/server/matrix";

export const dynamic = "force-dynamic";

/** Data classes × destinations with the outcome in force (deny by default), at `?at=` or now. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  query: matrixQuery,
  handler: ({ actor, params, query, path }) => sharingMatrix(actor, params.tenant, query.at, { surface: "api", path }),
});
