import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { supportPolicyBody } from "@/modules/support/api-schemas";
import { getSupportPolicy, putSupportPolicy } from "@/modules/support/server/policy";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path }) => getSupportPolicy(actor, params.tenant, { surface: "api", path }),
});

/** Customer admins set how support access is approved (the whole policy at once). */
export const PUT = apiRoute({
  auth: "required",
  params: tenantParams,
  body: supportPolicyBody,
  handler: ({ actor, params, body, path }) => putSupportPolicy(actor, params.tenant, body, { surface: "api", path }),
});
