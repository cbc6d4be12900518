import { apiRoute } from "@/platform/http/api-route";
import { notificationParams } from "@/modules/notifications/api-schemas";
import { markNotificationRead } from "@/modules/notifications/server/inbox";

export const dynamic = "force-dynamic";

/** Marks one of your notifications read. */
export const POST = apiRoute({
  auth: "required",
  params: notificationParams,
  handler: ({ actor, params }) => markNotificationRead(actor, params.id),
});
