import { apiRoute } from "@/platform/http/api-route";
import { revokeBody, supportGrantParams } from "@/modules/support/api-schemas";
import { revokeSupportGrant } from "@/modules/support/server/decisions";

export const dynamic = "force-dynamic";

/** A customer admin revokes a grant at once: `authorize` refuses from now on and its token is not refreshed. */
export const POST = apiRoute({
  auth: "required",
  params: supportGrantParams,
  body: revokeBody,
  handler: ({ actor, params, body, path }) =>
    revokeSupportGrant(actor, params.tenant, params.grant, body, { surface: "api", path }),
});
