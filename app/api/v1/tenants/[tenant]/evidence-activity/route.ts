import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { textResponse } from "@/platform/schema/query";
import { activityQuery } from "@/modules/evidence/api-schemas";
import { evidenceActivityCsv, listEvidenceActivity } from "@/modules/evidence/server/activity";

export const dynamic = "force-dynamic";

/** Who viewed and downloaded which evidence; `?format=csv` to export. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  query: activityQuery,
  handler: async ({ actor, params, query, path }) => {
    const origin = { surface: "api" as const, path };
    if (query.format === "json") {
      const list = await listEvidenceActivity(actor, params.tenant, origin);
      return { activity: list.activity };
    }
    const csv = await evidenceActivityCsv(actor, params.tenant, origin);
    return textResponse(csv.body, "text/csv; charset=utf-8", {
      "content-disposition": `attachment; filename="${csv.filename}"`,
    });
  },
});
