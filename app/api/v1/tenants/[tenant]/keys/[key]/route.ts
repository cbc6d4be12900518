import { z } from "zod";
import { apiRoute } from "@/platform/http/api-route";
import { keyParams } from "@/platform/http/params";
import { setRotationPeriod } from "@/modules/keys/server/lifecycle";

export const dynamic = "force-dynamic";

const body = z.object({ rotation_period_days: z.number().int().min(90).max(730) }).strict();

/** Sets the automatic rotation period (90 days to 2 years): the tenant's customer admins. */
export const PATCH = apiRoute({
  auth: "required",
  params: keyParams,
  body,
  handler: ({ actor, params, body, path }) =>
    setRotationPeriod(actor, params.tenant, params.key, body.rotation_period_days, { surface: "api", path }),
});
