import { apiRoute } from "@/platform/http/api-route";
import { getTenantLineage } from "@/modules/lineage/server/graph";
import { lineageQuery, tenantParams } from "@/modules/lineage/api-schemas";

export const dynamic = "force-dynamic";

/** The tenant's lineage graph (lineage.read). */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  query: lineageQuery,
  handler: ({ actor, params: p, query: q, path }) => getTenantLineage(actor, p.tenant, q, { surface: "api", path }),
});
