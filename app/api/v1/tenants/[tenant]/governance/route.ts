import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { textResponse } from "@/platform/schema/query";
import { governanceQuery } from "@/modules/governance/api-schemas";
import { getTenantGovernance, tenantGovernanceCsv } from "@/modules/governance/server/read";

export const dynamic = "force-dynamic";

/** The tenant's governance metrics for `?from=&to=` (UTC days); `?format=csv` to export. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  query: governanceQuery,
  handler: async ({ actor, params, query, path }) => {
    const origin = { surface: "api" as const, path };
    const period = { from: query.from, to: query.to };
    if (query.format === "json") return getTenantGovernance(actor, params.tenant, period, origin);
    const csv = await tenantGovernanceCsv(actor, params.tenant, period, origin);
    return textResponse(csv.body, "text/csv; charset=utf-8", {
      "content-disposition": `attachment; filename="${csv.filename}"`,
    });
  },
});
