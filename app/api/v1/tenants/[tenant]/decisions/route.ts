import { apiRoute } from "@/platform/http/api-route";
import { createDecisionBody, listDecisionsQuery, tenantParams } from "@/modules/sharing/api-schemas";
import { textResponse } from "@/platform/schema/query";
import { createDecision } from "@/modules/sharing/server/decisions";
import { decisionsCsv, listDecisions } from "@/modules/sharing/server/read";
import { createdResponse } from "@/modules/sharing/domain/http";

export const dynamic = "force-dynamic";

/**
 * The tenant's sharing decisions (members and compliance officers). JSON: each decision with
 * what is in force and what is pending; `?format=csv`: one row per version in force, or in `?status=`.
 */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  query: listDecisionsQuery,
  handler: async ({ actor, params, query, path }) => {
    const origin = { surface: "api" as const, path };
    if (query.format === "json") return listDecisions(actor, params.tenant, query.status, origin);
    const csv = await decisionsCsv(actor, params.tenant, query.status, origin);
    return textResponse(csv.body, "text/csv; charset=utf-8", {
      "content-disposition": `attachment; filename="${csv.filename}"`,
    });
  },
});

/** A new decision as a draft: the tenant's customer admins and compliance officers. */
export const POST = apiRoute({
  auth: "required",
  params: tenantParams,
  body: createDecisionBody,
  handler: async ({ actor, params, body, path }) =>
    createdResponse(await createDecision(actor, params.tenant, body, { surface: "api", path })),
});
