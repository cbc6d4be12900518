import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { objectionBody } from "@/modules/subprocessors/api-schemas/tenant";
import { listTenantObjections, raiseObjection } from "@/modules/subprocessors/server/objections";

export const dynamic = "force-dynamic";

/** The tenant's objections to subprocessor changes, with their outcomes. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path }) => listTenantObjections(actor, params.tenant, { surface: "api", path }),
});

/** A customer admin objects to an announced change during its notice period (201 with the objection). */
export const POST = apiRoute({
  auth: "required",
  params: tenantParams,
  body: objectionBody,
  handler: async ({ actor, params, body, path }) =>
    Response.json(await raiseObjection(actor, params.tenant, body, { surface: "api", path }), {
      status: 201,
      headers: { "cache-control": "no-store" },
    }),
});
