import { apiRoute } from "@/platform/http/api-route";
import { markAllNotificationsRead } from "@/modules/notifications/server/inbox";

export const dynamic = "force-dynamic";

/** Marks all your notifications read. */
export const POST = apiRoute({
  auth: "required",
  handler: ({ actor }) => markAllNotificationsRead(actor),
});
