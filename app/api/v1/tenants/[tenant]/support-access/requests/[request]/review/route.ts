import { apiRoute } from "@/platform/http/api-route";
import { reviewBody, supportRequestParams } from "@/modules/support/api-schemas";
import { reviewBreakGlass } from "@/modules/support/server/decisions";

export const dynamic = "force-dynamic";

/** A compliance officer reviews a break-glass access (four eyes). */
export const POST = apiRoute({
  auth: "required",
  params: supportRequestParams,
  body: reviewBody,
  handler: ({ actor, params, body, path }) =>
    reviewBreakGlass(actor, params.tenant, params.request, body, { surface: "api", path }),
});
