import { apiRoute } from "@/platform/http/api-route";
import { notificationsQuery } from "@/modules/notifications/api-schemas";
import { listMyNotifications } from "@/modules/notifications/server/inbox";

export const dynamic = "force-dynamic";

/** Your own notifications, newest first, with the unread count. */
export const GET = apiRoute({
  auth: "required",
  query: notificationsQuery,
  handler: ({ actor, query }) => listMyNotifications(actor, { unread: query.unread === "true" }),
});
