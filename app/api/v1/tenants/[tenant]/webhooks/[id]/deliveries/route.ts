import { apiRoute } from "@/platform/http/api-route";
import { webhookParams } from "@/modules/notifications/api-schemas";
import { listDeliveries } from "@/modules/notifications/server/webhooks";

export const dynamic = "force-dynamic";

/** The endpoint's delivery log, with every attempt's status code. */
export const GET = apiRoute({
  auth: "required",
  params: webhookParams,
  handler: ({ actor, params, path }) => listDeliveries(actor, params.tenant, params.id, { surface: "api", path }),
});
