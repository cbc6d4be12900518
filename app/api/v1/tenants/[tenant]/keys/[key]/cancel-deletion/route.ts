import { apiRoute } from "@/platform/http/api-route";
import { keyParams } from "@/modules/keys/api-schemas";
import { cancelKeyDeletion } from "@/modules/keys/server/lifecycle";

export const dynamic = "force-dynamic";

/** Stops a scheduled deletion; the key stays disabled until enabled. */
export const POST = apiRoute({
  auth: "required",
  params: keyParams,
  handler: ({ actor, params, path }) => cancelKeyDeletion(actor, params.tenant, params.key, { surface: "api", path }),
});
