import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { inviteAuditorBody } from "@/modules/evidence/api-schemas";
import { inviteAuditor, listAuditors } from "@/modules/evidence/server/auditors";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path }) => listAuditors(actor, params.tenant, { surface: "api", path }),
});

/** A customer admin or compliance officer invites an auditor with a scope and an expiry. */
export const POST = apiRoute({
  auth: "required",
  params: tenantParams,
  body: inviteAuditorBody,
  handler: async ({ actor, params, body, path }) =>
    Response.json(await inviteAuditor(actor, params.tenant, body, { surface: "api", path }), {
      status: 201,
      headers: { "cache-control": "no-store" },
    }),
});
