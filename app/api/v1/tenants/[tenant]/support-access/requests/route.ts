import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { createSupportRequestBody, listRequestsQuery } from "@/modules/support/api-schemas";
import { createSupportRequest } from "@/modules/support/server/requests";
import { listRequestViews } from "@/modules/support/server/grants";

export const dynamic = "force-dynamic";

/** The tenant's support-access requests: everything for its people and compliance officers, their own for support engineers. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  query: listRequestsQuery,
  handler: ({ actor, params, query, path }) => listRequestViews(actor, params.tenant, query, { surface: "api", path }),
});

/** A support engineer asks for access (201 with the request, `pending`). */
export const POST = apiRoute({
  auth: "required",
  params: tenantParams,
  body: createSupportRequestBody,
  handler: async ({ actor, params, body, path }) =>
    Response.json(await createSupportRequest(actor, params.tenant, body, { surface: "api", path }), {
      status: 201,
      headers: { "cache-control": "no-store" },
    }),
});
