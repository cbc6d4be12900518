import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withRegion } from "@/platform/access/with-region";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import { BadRequestError, NotFoundError } from "@/platform/errors";
import { policyPrincipal } from "@/platform/policy/principal";
import { BULK_DISMISS_KINDS, KINDS, bulkDismissOutcome } from "@/modules/reviews/domain/kinds";
import type { ReviewItemView } from "@/modules/reviews/api-schemas";
import { assertMayResolve, assignLocked, assertOpen } from "@/modules/reviews/server/queue";
import { requireRationale } from "@/modules/reviews/server/resolve";
import { settleHere } from "@/modules/reviews/server/sources";
import { ITEM_SELECT, itemViews, kindOf } from "@/modules/reviews/server/views";

export interface BulkInput {
  action: "assign" | "dismiss";
  ids: string[];
  assignee?: string | null;
  rationale?: string;
}

/**
 * `POST …/reviews/bulk`: assign many items (any kind: assigning decides nothing), or dismiss many
 * findings with one rationale, only of the kinds whose dismissal changes nothing but the finding
 * (lineage alerts and outside-grant accesses). All or nothing, in one transaction: one item that
 * is closed, unknown, of another kind or the caller's own work refuses the whole batch.
 */
export function bulkReview(
  actor: Actor,
  input: BulkInput,
): Promise<{ action: "assign" | "dismiss"; changed: number; items: ReviewItemView[] }> {
  return withRegion(actor, "region.reviews.resolve", async ({ actor, region }) => {
    const ids = [...new Set(input.ids)];
    const rationale = input.action === "dismiss" ? requireRationale(input.rationale) : null;
    if (input.action === "assign" && input.assignee === undefined)
      throw new BadRequestError('Say whom to assign the items to (a user id, "me", or null).', "assignee_required");
    const principal = policyPrincipal(actor);
    const db = await prisma();
    await db.$transaction(async (tx) => {
      // In id order, so two bulk actions over overlapping items cannot deadlock.
      const sorted = [...ids].sort();
      await tx.$queryRaw`SELECT id FROM review_items WHERE id = ANY(${sorted}::text[]) ORDER BY id FOR UPDATE`;
      const rows = await tx.reviewItem.findMany({
        where: { id: { in: sorted } },
        select: ITEM_SELECT,
        orderBy: { id: "asc" },
      });
      if (rows.length !== sorted.length)
        throw new NotFoundError("Some of these items are not in the review queue.", "review_item_not_found");
      for (const row of rows) {
        assertOpen(row);
        assertMayResolve(principal, row, region.id);
        if (input.action === "dismiss" && !KINDS[kindOf(row)].bulkDismiss)
          throw new BadRequestError(
            `${KINDS[kindOf(row)].label} items are decided one at a time; only these kinds can be dismissed together: ${BULK_DISMISS_KINDS.map((k) => KINDS[k].label).join(", ")}.`,
            "bulk_not_allowed",
          );
      }
      for (const row of rows) {
        if (input.action === "assign") await assignLocked(tx, actor, row, region.id, input.assignee ?? null);
        else await settleHere(tx, actor, row, bulkDismissOutcome(kindOf(row))!, rationale!);
      }
    });
    const [rows, now] = await Promise.all([
      db.reviewItem.findMany({ where: { id: { in: ids } }, select: ITEM_SELECT, orderBy: { dueAt: "asc" } }),
      databaseNow(db),
    ]);
    return { action: input.action, changed: rows.length, items: await itemViews(db, rows, now, principal, region.id) };
  });
}
