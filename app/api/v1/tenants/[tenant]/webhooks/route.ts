import { apiRoute } from "@/platform/http/api-route";
import { createWebhookBody, tenantParams } from "@/modules/notifications/api-schemas";
import { createWebhook, listWebhooks } from "@/modules/notifications/server/webhooks";

export const dynamic = "force-dynamic";

/** The tenant's webhook endpoints (customer admins). */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path }) => listWebhooks(actor, params.tenant, { surface: "api", path }),
});

/** Adds an endpoint; the answer carries its signing secret, the only time it is shown. */
export const POST = apiRoute({
  auth: "required",
  params: tenantParams,
  body: createWebhookBody,
  handler: async ({ actor, params, body, path }) => {
    const created = await createWebhook(actor, params.tenant, body, { surface: "api", path });
    return Response.json(
      { ...created.webhook, secret: created.secret },
      { status: 201, headers: { "cache-control": "no-store" } },
    );
  },
});
