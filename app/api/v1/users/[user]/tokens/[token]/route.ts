import { apiRoute } from "@/platform/http/api-route";
import { tokenParams } from "@/modules/identity/api-schemas";
import { revokeApiToken } from "@/modules/identity/server/api-tokens";

export const dynamic = "force-dynamic";

/** Revokes a token at once. Revoking a revoked token is not an error. */
export const DELETE = apiRoute({
  auth: "required",
  params: tokenParams,
  handler: async ({ actor, params }) => ({ token: await revokeApiToken(actor, params.user, params.token) }),
});
