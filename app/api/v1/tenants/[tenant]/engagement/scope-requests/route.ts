import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { scopeRequestBody } from "@/modules/evidence/api-schemas";
import { listOwnScopeRequests, requestScope } from "@/modules/evidence/server/scope-requests";

export const dynamic = "force-dynamic";

/** The calling auditor's requests for more access. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path }) => listOwnScopeRequests(actor, params.tenant, { surface: "api", path }),
});

/** An auditor asks for more periods or full evidence; the tenant's admins decide. */
export const POST = apiRoute({
  auth: "required",
  params: tenantParams,
  body: scopeRequestBody,
  handler: async ({ actor, params, body, path }) =>
    Response.json(await requestScope(actor, params.tenant, body, { surface: "api", path }), {
      status: 201,
      headers: { "cache-control": "no-store" },
    }),
});
