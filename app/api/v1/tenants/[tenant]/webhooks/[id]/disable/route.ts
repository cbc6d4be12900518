import { apiRoute } from "@/platform/http/api-route";
import { webhookParams } from "@/modules/notifications/api-schemas";
import { setWebhookEnabled } from "@/modules/notifications/server/webhooks";

export const dynamic = "force-dynamic";

/** Stops sending to the endpoint; queued messages wait until it is enabled. */
export const POST = apiRoute({
  auth: "required",
  params: webhookParams,
  handler: ({ actor, params, path }) =>
    setWebhookEnabled(actor, params.tenant, params.id, false, { surface: "api", path }),
});
