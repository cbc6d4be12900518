import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { consentBody } from "@/modules/drills/api-schemas";
import { getConsent, grantConsent } from "@/modules/drills/server/consent";

export const dynamic = "force-dynamic";

/** The customer's consent to drills by compliance officers, if one is in force. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path }) => getConsent(actor, params.tenant, { surface: "api", path }),
});

/** A customer admin consents to drills of some kinds until a date (201). */
export const POST = apiRoute({
  auth: "required",
  params: tenantParams,
  body: consentBody,
  handler: async ({ actor, params, body, path }) =>
    Response.json(await grantConsent(actor, params.tenant, body, { surface: "api", path }), {
      status: 201,
      headers: { "cache-control": "no-store" },
    }),
});
