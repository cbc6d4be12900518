import { apiRoute } from "@/platform/http/api-route";
import { denyBody, supportRequestParams } from "@/modules/support/api-schemas";
import { denyRequest } from "@/modules/support/server/decisions";

export const dynamic = "force-dynamic";

/** A customer admin denies the request or its extension. */
export const POST = apiRoute({
  auth: "required",
  params: supportRequestParams,
  body: denyBody,
  handler: ({ actor, params, body, path }) =>
    denyRequest(actor, params.tenant, params.request, body, { surface: "api", path }),
});
