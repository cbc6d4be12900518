import { apiRoute } from "@/platform/http/api-route";
import { textResponse } from "@/platform/schema/query";
import { governanceQuery } from "@/modules/governance/api-schemas";
import { getRegionGovernance, regionGovernanceCsv } from "@/modules/governance/server/read";

export const dynamic = "force-dynamic";

/** The region's governance metrics for `?from=&to=` (UTC days), with each tenant's headline; `?format=csv` to export. */
export const GET = apiRoute({
  auth: "required",
  query: governanceQuery,
  handler: async ({ actor, query }) => {
    const period = { from: query.from, to: query.to };
    if (query.format === "json") return getRegionGovernance(actor, period);
    const csv = await regionGovernanceCsv(actor, period);
    return textResponse(csv.body, "text/csv; charset=utf-8", {
      "content-disposition": `attachment; filename="${csv.filename}"`,
    });
  },
});
