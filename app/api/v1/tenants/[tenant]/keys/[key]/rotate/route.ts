import { apiRoute } from "@/platform/http/api-route";
import { keyParams } from "@/modules/keys/api-schemas";
import { rotateKeyNow } from "@/modules/keys/server/rotation";

export const dynamic = "force-dynamic";

/** Rotate now: a new key version; data keys rewrapped and data re-encrypted in the background. */
export const POST = apiRoute({
  auth: "required",
  params: keyParams,
  handler: ({ actor, params, path }) => rotateKeyNow(actor, params.tenant, params.key, { surface: "api", path }),
});
