import "server-only";
import type { PeriodicTask } from "@/platform/jobs/background";
import { dispatchDueWebhooks } from "@/modules/notifications/server/deliver";
import { sendDueEmails } from "@/modules/notifications/server/email";

/**
 * The notification worker: every second it claims the webhook deliveries that are due and
 * starts posting them (without waiting: a hanging endpoint holds up only its own deliveries);
 * every 5 seconds it sends due e-mails. Every replica runs both; claims are FOR UPDATE SKIP
 * LOCKED with a lease.
 */
export function notificationTasks(): PeriodicTask[] {
  return [
    {
      name: "webhook-deliveries",
      everyMs: 1_000,
      firstAfterMs: 2_000,
      run: async () => {
        await dispatchDueWebhooks();
      },
    },
    { name: "notification-emails", everyMs: 5_000, firstAfterMs: 3_000, run: () => sendDueEmails() },
  ];
}
