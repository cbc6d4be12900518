import { apiRoute } from "@/platform/http/api-route";
import { keyParams, rotationPeriodBody } from "@/modules/keys/api-schemas";
import { setRotationPeriod } from "@/modules/keys/server/lifecycle";

export const dynamic = "force-dynamic";

/** Sets the automatic rotation period (90 days to 2 years): the tenant's customer admins. */
export const PATCH = apiRoute({
  auth: "required",
  params: keyParams,
  body: rotationPeriodBody,
  handler: ({ actor, params, body, path }) =>
    setRotationPeriod(actor, params.tenant, params.key, body.rotation_period_days, { surface: "api", path }),
});
