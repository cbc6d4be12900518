import { apiRoute } from "@/platform/http/api-route";
import { supportRequestParams } from "@/modules/support/api-schemas";
import { withdrawRequest } from "@/modules/support/server/decisions";

export const dynamic = "force-dynamic";

/** The requester withdraws the request, ending any grant it made. */
export const POST = apiRoute({
  auth: "required",
  params: supportRequestParams,
  handler: ({ actor, params, path }) => withdrawRequest(actor, params.tenant, params.request, { surface: "api", path }),
});
