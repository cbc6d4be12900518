import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { revokeConsent } from "@/modules/drills/server/consent";

export const dynamic = "force-dynamic";

/** A customer admin withdraws the consent in force. */
export const POST = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path }) => revokeConsent(actor, params.tenant, { surface: "api", path }),
});
