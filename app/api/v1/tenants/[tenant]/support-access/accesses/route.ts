import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { textResponse } from "@/platform/schema/query";
import { accessesQuery } from "@/modules/support/api-schemas";
import { accessesCsv, listAccesses } from "@/modules/support/server/accesses";

export const dynamic = "force-dynamic";

/** Every access by provider staff, with its verdict and the grant it used; `?format=csv` to export. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  query: accessesQuery,
  handler: async ({ actor, params, query, path }) => {
    const origin = { surface: "api" as const, path };
    if (query.format === "json") return listAccesses(actor, params.tenant, query, origin);
    const csv = await accessesCsv(actor, params.tenant, query, origin);
    return textResponse(csv.body, "text/csv; charset=utf-8", {
      "content-disposition": `attachment; filename="${csv.filename}"`,
    });
  },
});
