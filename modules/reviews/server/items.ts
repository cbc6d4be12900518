import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/platform/auth/actor";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import type { Tx } from "@/platform/db/transaction";
import { KINDS, type ReviewKind } from "@/modules/reviews/domain/kinds";

/**
 * The two calls every source makes, inside its own transaction: an item opens when the source
 * starts waiting for a compliance officer and closes when the source is decided, whether the
 * decision was taken from the queue or on the source's own page. So the queue and the source
 * can never disagree: they change in one commit.
 */

export interface OpenItem {
  kind: ReviewKind;
  /** Null for region-wide items (subprocessor changes). */
  tenantId: string | null;
  sourceId: string;
  /** What a person reads in the queue; never a secret. */
  title: string;
  /** Whose work it reviews: that person may not resolve it (four eyes). */
  authorId: string | null;
}

/** The kind's SLA in hours: the compliance officers' setting, or the default in the kinds table. */
export async function slaHours(db: Tx | PrismaClient, kind: ReviewKind): Promise<number> {
  const row = await db.reviewSla.findUnique({ where: { kind }, select: { hours: true } });
  return row?.hours ?? KINDS[kind].defaultSlaHours;
}

/**
 * Opens the item for a source (once per kind and source). A source that comes back for review
 * after it was decided (a sharing decision sent back to draft and submitted again) reopens its
 * item with a new due date; the earlier decision stays in the audit log. An item still open is
 * left as it is. Returns the item's id.
 */
export async function openReviewItem(tx: Tx, item: OpenItem): Promise<string> {
  const hours = await slaHours(tx, item.kind);
  const title = item.title.length > 300 ? `${item.title.slice(0, 299)}…` : item.title;
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO review_items (id, kind, tenant_id, source_id, title, author_id, state, opened_at, due_at)
    VALUES (${randomUUID()}, ${item.kind}, ${item.tenantId}, ${item.sourceId}, ${title}, ${item.authorId}, 'open',
            CURRENT_TIMESTAMP, CURRENT_TIMESTAMP + make_interval(hours => ${hours}::int))
    ON CONFLICT (kind, source_id) DO UPDATE SET
      state = 'open', title = EXCLUDED.title, author_id = EXCLUDED.author_id, opened_at = EXCLUDED.opened_at,
      due_at = EXCLUDED.due_at, assignee_id = NULL, resolved_at = NULL, resolved_by_id = NULL, outcome = NULL,
      rationale = NULL, overdue_notified_at = NULL
      WHERE review_items.state IN ('resolved', 'dismissed')
    RETURNING id`;
  if (row) return row.id;
  const existing = await tx.reviewItem.findUniqueOrThrow({
    where: { kind_sourceId: { kind: item.kind, sourceId: item.sourceId } },
    select: { id: true },
  });
  return existing.id;
}

export interface CloseItem {
  state: "resolved" | "dismissed";
  /** One of the kind's outcomes (modules/reviews/domain/kinds.ts) or the source's own word for an automatic close. */
  outcome: string;
  rationale: string | null;
  /** Who decided: a person, or the system when the source settled itself (a flow that became allowed). */
  actor: Actor;
}

/**
 * Closes the open item of a source in the caller's transaction. The caller's own audit entry
 * (the source's decision: "subprocessor.change_approved" with its note, …) is the record of it;
 * the queue adds "review.item_closed" only where it settles a finding itself (sources.ts), so one
 * decision is never logged twice. Nothing happens when the source has no open item (already
 * closed, or older than the queue). Returns the item closed, or null.
 */
export async function closeReviewItemFor(
  tx: Tx,
  kind: ReviewKind,
  sourceId: string,
  close: CloseItem,
): Promise<{ id: string; tenantId: string | null } | null> {
  const actorId = close.actor.type === "user" ? close.actor.userId : null;
  const [row] = await tx.$queryRaw<{ id: string; tenant_id: string | null }[]>`
    UPDATE review_items
       SET state = ${close.state}, outcome = ${close.outcome}, rationale = ${close.rationale},
           resolved_at = CURRENT_TIMESTAMP, resolved_by_id = ${actorId}
     WHERE kind = ${kind} AND source_id = ${sourceId} AND state IN ('open', 'in_review')
    RETURNING id, tenant_id`;
  return row ? { id: row.id, tenantId: row.tenant_id } : null;
}
