import { apiRoute } from "@/platform/http/api-route";
import { webhookParams } from "@/modules/notifications/api-schemas";
import { setWebhookEnabled } from "@/modules/notifications/server/webhooks";

export const dynamic = "force-dynamic";

/** Sends to the endpoint again. */
export const POST = apiRoute({
  auth: "required",
  params: webhookParams,
  handler: ({ actor, params, path }) =>
    setWebhookEnabled(actor, params.tenant, params.id, true, { surface: "api", path }),
});
