import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { sharingMatrix } from "@/modules/sharing/server/matrix";
import { matrixQuery } from "@/modules/sharing/domain/input";

export const dynamic = "force-dynamic";

/** Data classes × destinations with the outcome in force (deny by default), at `?at=` or now. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  query: matrixQuery,
  handler: ({ actor, params, query, path }) => sharingMatrix(actor, params.tenant, query.at, { surface: "api", path }),
});
