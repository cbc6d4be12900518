import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withRegion } from "@/platform/access/with-region";
import { prisma } from "@/platform/db/db";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import type { Tx } from "@/platform/db/transaction";
import { appendAudit } from "@/modules/audit/server/append";
import { KINDS, REVIEW_KINDS, type ReviewKind } from "@/modules/reviews/domain/kinds";
import type { SlaList } from "@/modules/reviews/api-schemas";

async function slaRows(db: PrismaClient | Tx, configure: boolean): Promise<SlaList> {
  const rows = await db.reviewSla.findMany();
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  const people = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.updatedById))] } },
    select: { id: true, name: true },
  });
  const names = new Map(people.map((p) => [p.id, p.name]));
  return {
    slas: REVIEW_KINDS.map((kind) => {
      const row = byKind.get(kind);
      return {
        kind,
        kind_label: KINDS[kind].label,
        hours: row?.hours ?? KINDS[kind].defaultSlaHours,
        default_hours: KINDS[kind].defaultSlaHours,
        updated_by: row ? { id: row.updatedById, name: names.get(row.updatedById) ?? "A former user" } : null,
        updated_at: row?.updatedAt.toISOString() ?? null,
      };
    }),
    allowed_actions: configure ? ["configure"] : [],
  };
}

/** `GET …/review-slas`: each kind's deadline in hours. */
export function getReviewSlas(actor: Actor): Promise<SlaList> {
  return withRegion(actor, "region.reviews.read", async ({ allowed }) =>
    slaRows(await prisma(), allowed(["region.reviews.configure"]).length > 0),
  );
}

/**
 * `PUT …/review-slas`: compliance officers set deadlines per kind. Items opened from now on are
 * due by the new deadline; open items keep the due date they were given (a deadline that moved
 * under someone's feet would make the overdue figures meaningless). One audit entry per change.
 */
export function putReviewSlas(actor: Actor, body: { slas: { kind: ReviewKind; hours: number }[] }): Promise<SlaList> {
  return withRegion(actor, "region.reviews.configure", async ({ actor }) => {
    const db = await prisma();
    return db.$transaction(async (tx) => {
      for (const { kind, hours } of body.slas) {
        const before = await tx.reviewSla.findUnique({ where: { kind } });
        const previous = before?.hours ?? KINDS[kind].defaultSlaHours;
        if (previous === hours && before) continue;
        await tx.reviewSla.upsert({
          where: { kind },
          create: { kind, hours, updatedById: actor.userId },
          update: { hours, updatedById: actor.userId, updatedAt: new Date() },
        });
        await appendAudit(tx, {
          actor,
          action: "review.sla_changed",
          outcome: "success",
          details: { kind, hours, previous_hours: previous },
        });
      }
      return slaRows(tx, true);
    });
  });
}
