import { z } from "zod";
import { apiRoute } from "@/platform/http/api-route";
import { keyParams } from "@/platform/http/params";
import { safeText } from "@/platform/schema/safe-text";
import { disableKey } from "@/modules/keys/server/lifecycle";

export const dynamic = "force-dynamic";

const body = z.object({ confirm: safeText().max(100) }).strict();

/** The kill switch: every decrypt of the tenant's data fails closed; a revocation receipt follows. */
export const POST = apiRoute({
  auth: "required",
  params: keyParams,
  body,
  handler: ({ actor, params, body, path }) =>
    disableKey(actor, params.tenant, params.key, body.confirm, { surface: "api", path }),
});
