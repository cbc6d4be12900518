import { apiRoute } from "@/platform/http/api-route";
import { supportRequestParams } from "@/modules/support/api-schemas";
import { getRequestView } from "@/modules/support/server/grants";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  auth: "required",
  params: supportRequestParams,
  handler: ({ actor, params, path }) => getRequestView(actor, params.tenant, params.request, { surface: "api", path }),
});
