import { apiRoute } from "@/platform/http/api-route";
import { extendBody, supportRequestParams } from "@/modules/support/api-schemas";
import { extendRequest } from "@/modules/support/server/decisions";

export const dynamic = "force-dynamic";

/** The requester asks for longer access: the same approval again. */
export const POST = apiRoute({
  auth: "required",
  params: supportRequestParams,
  body: extendBody,
  handler: ({ actor, params, body, path }) =>
    extendRequest(actor, params.tenant, params.request, body, { surface: "api", path }),
});
