import { apiRoute } from "@/platform/http/api-route";
import { supportRequestParams } from "@/modules/support/api-schemas";
import { confirmBreakGlass } from "@/modules/support/server/decisions";

export const dynamic = "force-dynamic";

/** A second provider person opens a break-glass grant. */
export const POST = apiRoute({
  auth: "required",
  params: supportRequestParams,
  handler: ({ actor, params, path }) =>
    confirmBreakGlass(actor, params.tenant, params.request, { surface: "api", path }),
});
