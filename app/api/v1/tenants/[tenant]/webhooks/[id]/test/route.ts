import { apiRoute } from "@/platform/http/api-route";
import { webhookParams } from "@/modules/notifications/api-schemas";
import { testWebhook } from "@/modules/notifications/server/webhooks";

export const dynamic = "force-dynamic";

/** Queues a `webhook.test` ping to the endpoint (202: the worker sends it within seconds). */
export const POST = apiRoute({
  auth: "required",
  params: webhookParams,
  handler: async ({ actor, params, path }) =>
    Response.json(await testWebhook(actor, params.tenant, params.id, { surface: "api", path }), {
      status: 202,
      headers: { "cache-control": "no-store" },
    }),
});
