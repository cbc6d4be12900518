import { apiRoute } from "@/platform/http/api-route";
import { keyParams, scheduleDeletionBody } from "@/modules/keys/api-schemas";
import { scheduleKeyDeletion } from "@/modules/keys/server/lifecycle";

export const dynamic = "force-dynamic";

/** Crypto-shred after 7–30 days (default 30), cancellable until then. */
export const POST = apiRoute({
  auth: "required",
  params: keyParams,
  body: scheduleDeletionBody,
  handler: ({ actor, params, body, path }) =>
    scheduleKeyDeletion(actor, params.tenant, params.key, body, { surface: "api", path }),
});
