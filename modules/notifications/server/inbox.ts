import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withUser } from "@/platform/access/with-user";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import type { Prisma } from "@/platform/db/transaction";
import { NotFoundError } from "@/platform/errors";
import { eventLabel } from "@/modules/notifications/domain/events";
import type { NotificationList, NotificationView } from "@/modules/notifications/api-schemas";

const LIST_LIMIT = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SELECT = {
  id: true,
  tenantId: true,
  event: true,
  title: true,
  body: true,
  link: true,
  createdAt: true,
  readAt: true,
} as const;

type Row = {
  id: string;
  tenantId: string | null;
  event: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
};

/**
 * Whose notifications, and which: always the caller's own; a tenant-scoped API token sees only
 * that tenant's (a token for one tenant must not read about the others).
 */
function ownWhere(userId: string, tokenTenantId: string | null): Prisma.NotificationWhereInput {
  return tokenTenantId ? { userId, tenantId: tokenTenantId } : { userId };
}

async function views(rows: Row[]): Promise<NotificationView[]> {
  const db = await prisma();
  const tenantIds = [...new Set(rows.map((r) => r.tenantId).filter((t): t is string => t !== null))];
  const slugs = new Map(
    (await db.directoryTenant.findMany({ where: { id: { in: tenantIds } }, select: { id: true, slug: true } })).map(
      (t) => [t.id, t.slug],
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    tenant: r.tenantId ? (slugs.get(r.tenantId) ?? null) : null,
    event: r.event,
    event_label: eventLabel(r.event),
    title: r.title,
    body: r.body,
    link: r.link,
    created_at: r.createdAt.toISOString(),
    read_at: r.readAt?.toISOString() ?? null,
  }));
}

async function unreadCount(where: Prisma.NotificationWhereInput): Promise<number> {
  const db = await prisma();
  return db.notification.count({ where: { ...where, readAt: null } });
}

/** The caller's notifications, newest first, and how many are unread. */
export async function listMyNotifications(actor: Actor, options: { unread?: boolean } = {}): Promise<NotificationList> {
  return withUser(actor, "me", "notifications.read", async ({ actor: user }) => {
    const db = await prisma();
    const where = ownWhere(user.userId, user.tokenTenantId);
    const rows = await db.notification.findMany({
      where: options.unread ? { ...where, readAt: null } : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: LIST_LIMIT,
      select: SELECT,
    });
    return { notifications: await views(rows), unread: await unreadCount(where) };
  });
}

/** How many of the caller's notifications are unread (the bell). */
export async function myUnreadCount(actor: Actor): Promise<number> {
  return withUser(actor, "me", "notifications.read", ({ actor: user }) =>
    unreadCount(ownWhere(user.userId, user.tokenTenantId)),
  );
}

/**
 * Marks one of the caller's notifications read; marking it again keeps the first time. Reading
 * is the person's own state, seen by nobody else, so it is not written to the audit log.
 */
export async function markNotificationRead(
  actor: Actor,
  id: string,
): Promise<{ notification: NotificationView; unread: number }> {
  return withUser(actor, "me", "notifications.manage", async ({ actor: user }) => {
    const db = await prisma();
    const where = ownWhere(user.userId, user.tokenTenantId);
    if (!UUID.test(id)) throw new NotFoundError("No such notification.", "notification_not_found");
    const found = await db.notification.findFirst({ where: { ...where, id }, select: { id: true, readAt: true } });
    if (!found) throw new NotFoundError("No such notification.", "notification_not_found");
    if (!found.readAt) {
      await db.notification.updateMany({ where: { id, readAt: null }, data: { readAt: await databaseNow(db) } });
    }
    const row = await db.notification.findUniqueOrThrow({ where: { id }, select: SELECT });
    return { notification: (await views([row]))[0]!, unread: await unreadCount(where) };
  });
}

/** Marks every unread notification of the caller read. */
export async function markAllNotificationsRead(actor: Actor): Promise<{ marked: number; unread: number }> {
  return withUser(actor, "me", "notifications.manage", async ({ actor: user }) => {
    const db = await prisma();
    const where = ownWhere(user.userId, user.tokenTenantId);
    const marked = await db.notification.updateMany({
      where: { ...where, readAt: null },
      data: { readAt: await databaseNow(db) },
    });
    return { marked: marked.count, unread: await unreadCount(where) };
  });
}
