import "server-only";
import { prisma } from "@/platform/db/db";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { formatDateTime } from "@/platform/format";
import type { QueuedWork } from "@/platform/jobs/workers";
import { notify } from "@/modules/notifications/server/notify";
import { recipientsFor } from "@/modules/notifications/server/recipients";
import { KINDS } from "@/modules/reviews/domain/kinds";
import { kindOf } from "@/modules/reviews/server/views";

type Overdue = {
  id: string;
  kind: string;
  tenant_id: string | null;
  title: string;
  due_at: Date;
  assignee_id: string | null;
};

/**
 * Tells the region's compliance officers (and the assignee) about each item that went past its
 * due date, once per item: the row is marked in the same transaction as the notification, and
 * rows are claimed with SKIP LOCKED so two instances sweeping at once never tell twice. Items
 * about a tenant go through the notifications module (in-app, e-mail, the tenant's webhooks for
 * `review.item_overdue`); region-wide items only reach the staff's in-app list. Returns how many.
 */
export async function sweepOverdueReviews(db?: PrismaClient, batch = 200): Promise<number> {
  const client = db ?? (await prisma());
  let total = 0;
  for (;;) {
    const n = await client.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<Overdue[]>`
        SELECT id, kind, tenant_id, title, due_at, assignee_id FROM review_items
         WHERE state IN ('open', 'in_review') AND due_at < CURRENT_TIMESTAMP AND overdue_notified_at IS NULL
         ORDER BY due_at LIMIT ${batch} FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return 0;
      await tx.$executeRaw`UPDATE review_items SET overdue_notified_at = CURRENT_TIMESTAMP WHERE id = ANY(${rows.map((r) => r.id)}::text[])`;
      const staff = await tx.user.findMany({
        where: { providerRole: "compliance_officer", disabledAt: null },
        select: { id: true },
      });
      for (const r of rows) {
        const label = KINDS[kindOf(r)].label;
        const title = `Overdue: ${label.toLowerCase()} — ${r.title}`.slice(0, 200);
        const body = `The review item "${r.title}" was due ${formatDateTime(r.due_at.toISOString())} and is still open.`;
        if (r.tenant_id) {
          const recipients = await recipientsFor(tx, r.tenant_id, ["compliance_officers"]);
          await notify(tx, {
            tenantId: r.tenant_id,
            event: "review.item_overdue",
            title,
            body,
            link: "/region/reviews?overdue=true",
            recipients: r.assignee_id ? [...recipients, r.assignee_id] : recipients,
            data: { review_item_id: r.id, kind: r.kind, due_at: r.due_at.toISOString() },
          });
        } else {
          const ids = new Set(staff.map((s) => s.id));
          if (r.assignee_id) ids.add(r.assignee_id);
          if (ids.size > 0)
            await tx.notification.createMany({
              data: [...ids].map((userId) => ({
                userId,
                tenantId: null,
                event: "review.item_overdue",
                title,
                body,
                link: "/region/reviews?overdue=true",
              })),
            });
        }
      }
      return rows.length;
    });
    total += n;
    if (n < batch) return total;
  }
}

/** The queue's scheduled work: the overdue sweep once a minute. */
export function reviewJobs(): QueuedWork {
  return {
    workers: [{ queue: "reviews.sweep", handler: async () => void (await sweepOverdueReviews()) }],
    cron: [{ queue: "reviews.sweep", cron: "* * * * *" }],
  };
}
