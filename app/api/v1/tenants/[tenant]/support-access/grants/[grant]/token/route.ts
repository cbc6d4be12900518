import { apiRoute } from "@/platform/http/api-route";
import { supportGrantParams } from "@/modules/support/api-schemas";
import { issueGrantToken } from "@/modules/support/server/grants";

export const dynamic = "force-dynamic";

/** The requester's signed grant token (compact JWS, at most 15 minutes). */
export const POST = apiRoute({
  auth: "required",
  params: supportGrantParams,
  handler: ({ actor, params, path }) => issueGrantToken(actor, params.tenant, params.grant, { surface: "api", path }),
});
