import { apiRoute } from "@/platform/http/api-route";
import { disableKeyBody, keyParams } from "@/modules/keys/api-schemas";
import { disableKey } from "@/modules/keys/server/lifecycle";

export const dynamic = "force-dynamic";

/** The kill switch: every decrypt of the tenant's data fails closed; a revocation receipt follows. */
export const POST = apiRoute({
  auth: "required",
  params: keyParams,
  body: disableKeyBody,
  handler: ({ actor, params, body, path }) =>
    disableKey(actor, params.tenant, params.key, body.confirm, { surface: "api", path }),
});
