import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withRegion } from "@/platform/access/with-region";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import { OPEN_STATES, REVIEW_KINDS, type ReviewKind } from "@/modules/reviews/domain/kinds";

/** The desk home's view of the queue: per kind, what waits, what is late, and what is mine. */
export interface ReviewDeskSummary {
  region: string;
  now: string;
  open: number;
  overdue: number;
  mine: number;
  unassigned: number;
  kinds: { kind: ReviewKind; open: number; overdue: number }[];
}

/**
 * Counts for the compliance desk (region.reviews.read): three grouped counts on the queue's
 * indexes, never the items themselves, so the home page stays as light as the navigation.
 */
export function reviewDeskSummary(actor: Actor): Promise<ReviewDeskSummary> {
  return withRegion(actor, "region.reviews.read", async ({ actor, region }) => {
    const db = await prisma();
    const now = await databaseNow(db);
    const active = { state: { in: [...OPEN_STATES] } };
    const [byKind, lateByKind, mine, unassigned] = await Promise.all([
      db.reviewItem.groupBy({ by: ["kind"], where: active, _count: { _all: true } }),
      db.reviewItem.groupBy({ by: ["kind"], where: { ...active, dueAt: { lt: now } }, _count: { _all: true } }),
      db.reviewItem.count({ where: { ...active, assigneeId: actor.userId } }),
      db.reviewItem.count({ where: { ...active, assigneeId: null } }),
    ]);
    const count = (rows: { kind: string; _count: { _all: number } }[], kind: string) =>
      rows.find((r) => r.kind === kind)?._count._all ?? 0;
    const kinds = REVIEW_KINDS.map((kind) => ({ kind, open: count(byKind, kind), overdue: count(lateByKind, kind) }));
    return {
      region: region.id,
      now: now.toISOString(),
      open: kinds.reduce((n, k) => n + k.open, 0),
      overdue: kinds.reduce((n, k) => n + k.overdue, 0),
      mine,
      unassigned,
      kinds,
    };
  });
}
