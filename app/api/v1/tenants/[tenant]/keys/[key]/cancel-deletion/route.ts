import { apiRoute } from "@/lib/http/api-route";
import { keyParams } from "@/lib/http/params";
import { cancelKeyDeletion } from "@/lib/data/key-lifecycle";

export const dynamic = "force-dynamic";

/** Stops a scheduled deletion; the key stays disabled until enabled. */
export const POST = apiRoute({
  auth: "required",
  params: keyParams,
  handler: ({ actor, params, path }) => cancelKeyDeletion(actor, params.tenant, params.key, { surface: "api", path }),
});
