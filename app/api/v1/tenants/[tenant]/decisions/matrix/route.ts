import { apiRoute } from "@/lib/http/api-route";
import { tenantParams } from "@/lib/http/params";
import { sharingMatrix } from "@/lib/data/sharing-matrix";
import { matrixQuery } from "@/lib/sharing/input";

export const dynamic = "force-dynamic";

/** Data classes × destinations with the outcome in force (deny by default), at `?at=` or now. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  query: matrixQuery,
  handler: ({ actor, params, query, path }) => sharingMatrix(actor, params.tenant, query.at, { surface: "api", path }),
});
