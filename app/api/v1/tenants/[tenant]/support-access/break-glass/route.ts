import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { breakGlassBody } from "@/modules/support/api-schemas";
import { openBreakGlass } from "@/modules/support/server/requests";

export const dynamic = "force-dynamic";

/** Emergency access for a production alert: opened by a second provider person, disclosed at once, reviewed after. */
export const POST = apiRoute({
  auth: "required",
  params: tenantParams,
  body: breakGlassBody,
  handler: async ({ actor, params, body, path }) =>
    Response.json(await openBreakGlass(actor, params.tenant, body, { surface: "api", path }), {
      status: 201,
      headers: { "cache-control": "no-store" },
    }),
});
