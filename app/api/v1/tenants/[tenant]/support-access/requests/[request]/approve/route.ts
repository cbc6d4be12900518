import { apiRoute } from "@/platform/http/api-route";
import { approveBody, supportRequestParams } from "@/modules/support/api-schemas";
import { approveRequest } from "@/modules/support/server/decisions";

export const dynamic = "force-dynamic";

/** A customer admin approves; the M-th distinct approval makes the grant. */
export const POST = apiRoute({
  auth: "required",
  params: supportRequestParams,
  body: approveBody,
  handler: ({ actor, params, body, path }) =>
    approveRequest(actor, params.tenant, params.request, body, { surface: "api", path }),
});
