import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { createWebhook } from "@/modules/notifications/server/webhooks";
import { notify, type NotificationInput } from "@/modules/notifications/server/notify";
import { stableId } from "@/prisma/seed/world";
import { EU, type SeededRegion } from "../helpers/seeded-region";

export const SLUG = "northwind-eu";
export const TENANT = stableId("tenant", SLUG);
export const ORIGIN = { surface: "api" as const, path: "/test" };

/** Adds an endpoint as Northwind's admin would; returns its id and secret. */
export async function addEndpoint(
  world: SeededRegion,
  url: string,
  events: string[] = [],
): Promise<{ id: string; secret: string }> {
  const created = await createWebhook(
    await world.session(EU.northwindAdmin),
    SLUG,
    { url, description: "test", events: events as never },
    ORIGIN,
  );
  return { id: created.webhook.id, secret: created.secret };
}

export function input(overrides: Partial<NotificationInput> = {}): NotificationInput {
  return {
    tenantId: TENANT,
    event: "support_access.request_created",
    title: "Support access requested for northwind-eu",
    body: "Sam Support asked to read customer_pii for 2 hours (ticket NW-1234).",
    link: "/t/northwind-eu/support",
    recipients: [],
    data: { request_id: "req-1", tenant: SLUG },
    ...overrides,
  };
}

/** Notifies in a transaction of its own, as a caller's change would. */
export async function notifyNow(prisma: PrismaClient, overrides: Partial<NotificationInput> = {}): Promise<void> {
  await prisma.$transaction((tx) => notify(tx, input(overrides)));
}

/** Every endpoint and delivery removed, so each test starts from none. */
export async function clearWebhooks(prisma: PrismaClient): Promise<void> {
  await prisma.webhookEndpoint.deleteMany({});
  await prisma.notification.deleteMany({});
  await prisma.notificationEmail.deleteMany({});
}
