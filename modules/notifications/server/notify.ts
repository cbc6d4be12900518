import "server-only";
import { randomBytes } from "node:crypto";
import type { Prisma, Tx } from "@/platform/db/transaction";
import { databaseNow } from "@/platform/db/db-time";
import { isNotificationEvent, type NotificationEvent } from "@/modules/notifications/domain/events";
import { emailEnabled, emailFor } from "@/modules/notifications/server/email";

export interface NotificationInput {
  tenantId: string;
  /** From modules/notifications/domain/events.ts. */
  event: NotificationEvent;
  /** Plain words, e.g. "Support access requested for northwind-eu". */
  title: string;
  body: string;
  /** A portal path such as "/t/northwind-eu/support", or null. */
  link: string | null;
  /** User ids: each gets the notification in the app and, when SMTP is configured, by e-mail. */
  recipients: string[];
  /** snake_case JSON: the webhook payload's "data". */
  data: Record<string, unknown>;
}

const MAX_TITLE = 200;
const MAX_BODY = 4000;

/** A Standard Webhooks message id: `msg_` and 128 random bits. */
export function newMessageId(): string {
  return `msg_${randomBytes(16).toString("base64url")}`;
}

/** The one body shape every webhook message has (Standard Webhooks: type, timestamp, data). */
export function webhookPayload(event: NotificationEvent, at: Date, data: Record<string, unknown>) {
  return { type: event, timestamp: at.toISOString(), data } as Prisma.InputJsonObject;
}

function check(input: NotificationInput): void {
  // Programming errors of the caller, not user input: they fail the caller's transaction.
  if (!isNotificationEvent(input.event)) throw new Error(`notify: unknown event ${String(input.event)}`);
  if (!input.title.trim() || input.title.length > MAX_TITLE) throw new Error("notify: title must be 1–200 characters");
  if (input.body.length > MAX_BODY) throw new Error("notify: body must be at most 4000 characters");
  if (input.link !== null && (!input.link.startsWith("/") || input.link.startsWith("//") || input.link.includes("\\")))
    throw new Error("notify: link must be a portal path such as /t/<tenant>/support");
}

/**
 * Tells people and the tenant's webhooks that something happened, inside the caller's
 * transaction: the notification exists if and only if the change commits. It only writes rows
 * (no network): one in-app notification per distinct recipient, one pending delivery per
 * enabled endpoint of the tenant that subscribes to the event (all sharing one `msg_…` id),
 * and, when SMTP is configured, one queued e-mail per recipient whose account is enabled. The
 * background worker (modules/notifications/server/tasks.ts) sends the webhooks and e-mails.
 */
export async function notify(tx: Tx, input: NotificationInput): Promise<void> {
  check(input);
  const recipients = [...new Set(input.recipients)];
  if (recipients.length > 0) {
    await tx.notification.createMany({
      data: recipients.map((userId) => ({
        userId,
        tenantId: input.tenantId,
        event: input.event,
        title: input.title,
        body: input.body,
        link: input.link,
      })),
    });
  }

  const endpoints = await tx.webhookEndpoint.findMany({
    where: { tenantId: input.tenantId, disabledAt: null },
    select: { id: true, events: true },
  });
  const subscribed = endpoints.filter((e) => e.events.length === 0 || e.events.includes(input.event));
  if (subscribed.length > 0) {
    const messageId = newMessageId();
    const payload = webhookPayload(input.event, await databaseNow(tx), input.data);
    await tx.webhookDelivery.createMany({
      data: subscribed.map((e) => ({
        endpointId: e.id,
        tenantId: input.tenantId,
        messageId,
        eventType: input.event,
        payload,
      })),
    });
  }

  if (recipients.length > 0 && emailEnabled()) {
    const people = await tx.user.findMany({
      where: { id: { in: recipients }, disabledAt: null },
      select: { id: true, email: true },
    });
    if (people.length > 0) {
      await tx.notificationEmail.createMany({
        data: people.map((p) => ({ userId: p.id, tenantId: input.tenantId, toAddress: p.email, ...emailFor(input) })),
      });
    }
  }
}
