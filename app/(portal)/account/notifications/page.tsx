import type { Metadata } from "next";
import { NotificationsView } from "@/modules/notifications/ui/notifications-view";
import { listMyNotifications } from "@/modules/notifications/server/inbox";
import { emailEnabled } from "@/modules/notifications/server/email";
import { pageActor, pageCall } from "@/platform/http/page";

export const metadata: Metadata = { title: "Notifications" };

/** The signed-in person's own notifications. */
export default async function AccountNotificationsPage() {
  const actor = await pageActor();
  const list = await pageCall(() => listMyNotifications(actor));
  return <NotificationsView initial={list} email={emailEnabled() ? actor.email : null} />;
}
