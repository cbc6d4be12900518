import "server-only";
import type { Actor, UserActor } from "@/platform/auth/actor";
import { withRegion } from "@/platform/access/with-region";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import type { Prisma, PrismaClient } from "@/platform/db/generated/prisma/client";
import type { Tx } from "@/platform/db/transaction";
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from "@/platform/errors";
import { authorize, type PolicyPrincipal } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import { appendAudit } from "@/modules/audit/server/append";
import { BULK_DISMISS_KINDS, OPEN_STATES, REVIEW_STATE_LABELS, type ReviewState } from "@/modules/reviews/domain/kinds";
import type { ReviewItemView, ReviewList, ReviewsQuery } from "@/modules/reviews/api-schemas";
import { acknowledgeSource } from "@/modules/reviews/server/sources";
import { ITEM_SELECT, isOpen, itemResource, itemViews, kindOf, type ItemRow } from "@/modules/reviews/server/views";

type Db = PrismaClient | Tx;

/** The filters of a list as a Prisma where clause; `null` when they can match nothing (an unknown tenant). */
async function whereOf(
  db: Db,
  actor: UserActor,
  q: ReviewsQuery,
  now: Date,
): Promise<Prisma.ReviewItemWhereInput | null> {
  const where: Prisma.ReviewItemWhereInput = {};
  if (q.kind) where.kind = q.kind;
  // One item asked for by its id (a link from its source) is shown whatever its state.
  if (q.item) where.id = q.item;
  const state = q.overdue === "true" ? "active" : (q.state ?? (q.item ? "all" : "active"));
  if (state === "active") where.state = { in: [...OPEN_STATES] };
  else if (state !== "all") where.state = state;
  if (q.overdue === "true") where.dueAt = { lt: now };
  if (q.overdue === "false") where.dueAt = { gte: now };
  if (q.assignee === "me") where.assigneeId = actor.userId;
  else if (q.assignee === "none") where.assigneeId = null;
  else if (q.assignee) where.assigneeId = q.assignee;
  if (q.tenant) {
    const tenant = await db.tenant.findUnique({ where: { slug: q.tenant }, select: { id: true } });
    if (!tenant) return null;
    where.tenantId = tenant.id;
  }
  return where;
}

/** How many items ask for someone's work: one count on the (state, due_at) index, for the navigation. */
export async function openReviewCount(db?: Db): Promise<number> {
  const client = db ?? (await prisma());
  return client.reviewItem.count({ where: { state: { in: [...OPEN_STATES] } } });
}

/** `GET /api/v1/region/reviews`: the queue, filtered and paged, oldest due first. */
export function listReviews(actor: Actor, q: ReviewsQuery): Promise<ReviewList> {
  return withRegion(actor, "region.reviews.read", async ({ actor, region, allowed }) => {
    const db = await prisma();
    const now = await databaseNow(db);
    const page = q.page ?? 1;
    const perPage = q.per_page ?? 50;
    const where = await whereOf(db, actor, q, now);
    // The default view (open or in review, nothing else) counts the same rows as the navigation:
    // one count serves both.
    const onlyActive = where !== null && Object.keys(where).length === 1 && (q.state ?? "active") === "active";
    const [rows, total, openCount] = where
      ? await Promise.all([
          db.reviewItem.findMany({
            where,
            select: ITEM_SELECT,
            orderBy: [{ dueAt: "asc" }, { id: "asc" }],
            skip: (page - 1) * perPage,
            take: perPage,
          }),
          db.reviewItem.count({ where }),
          onlyActive ? Promise.resolve(-1) : openReviewCount(db),
        ])
      : [[], 0, await openReviewCount(db)];
    return {
      region: region.id,
      now: now.toISOString(),
      items: await itemViews(db, rows, now, policyPrincipal(actor), region.id),
      page,
      per_page: perPage,
      total,
      open_count: openCount < 0 ? total : openCount,
      bulk_dismiss_kinds: [...BULK_DISMISS_KINDS],
      allowed_actions: allowed(["region.reviews.resolve", "region.reviews.configure"]).map((a) =>
        a === "region.reviews.resolve" ? ("resolve" as const) : ("configure" as const),
      ),
    };
  });
}

export async function findItem(db: Db, id: string): Promise<ItemRow> {
  const row = await db.reviewItem.findUnique({ where: { id }, select: ITEM_SELECT });
  if (!row) throw new NotFoundError("The review queue has no such item.", "review_item_not_found");
  return row;
}

/** Locks an item for a change; a closed one is a 409 naming what happened. */
export async function lockOpenItem(tx: Tx, id: string): Promise<ItemRow> {
  await tx.$queryRaw`SELECT id FROM review_items WHERE id = ${id} FOR UPDATE`;
  return assertOpen(await findItem(tx, id));
}

/** A closed item is a 409 naming what happened to it. */
export function assertOpen(row: ItemRow): ItemRow {
  if (!isOpen(row))
    throw new ConflictError(
      `This item is already ${REVIEW_STATE_LABELS[row.state as ReviewState].toLowerCase()}${row.outcome ? ` (${row.outcome.replace(/_/g, " ")})` : ""}.`,
      row.state === "dismissed" ? "already_dismissed" : "already_resolved",
    );
  return row;
}

/** Four eyes, asked of the policy with the item's author: never your own work. */
export function assertMayResolve(principal: PolicyPrincipal, item: ItemRow, region: string): void {
  if (authorize(principal, "region.reviews.resolve", itemResource(item, region)).allowed) return;
  throw new ForbiddenError(
    "This item reviews your own work: a compliance officer who did not do it resolves it (four eyes).",
    "four_eyes",
  );
}

export async function viewOne(actor: UserActor, region: string, id: string): Promise<ReviewItemView> {
  const db = await prisma();
  const [row, now] = await Promise.all([findItem(db, id), databaseNow(db)]);
  return (await itemViews(db, [row], now, policyPrincipal(actor), region))[0]!;
}

/** `GET …/reviews/{id}`. */
export function getReview(actor: Actor, id: string): Promise<ReviewItemView> {
  return withRegion(actor, "region.reviews.read", ({ actor, region }) => viewOne(actor, region.id, id));
}

/**
 * Whom an assignment names: "me", a user id, or nobody. The assignee must be someone the policy
 * lets resolve this very item (a compliance officer who did not do the work): an item handed
 * to someone who may not close it would only sit there.
 */
async function assigneeFor(tx: Tx, actor: UserActor, item: ItemRow, region: string, assignee: string | null) {
  if (assignee === null) return null;
  if (assignee === "me") return actor.userId;
  const user = await tx.user.findUnique({
    where: { id: assignee },
    select: { id: true, email: true, name: true, providerRole: true, disabledAt: true },
  });
  if (!user || user.disabledAt) throw new BadRequestError("No such active user to assign.", "unknown_assignee");
  const principal: PolicyPrincipal = {
    userId: user.id,
    email: user.email,
    roles: user.providerRole ? [user.providerRole] : [],
    via: "session",
    tokenScope: null,
    tokenTenantId: null,
  };
  if (!authorize(principal, "region.reviews.resolve", itemResource(item, region)).allowed)
    throw new BadRequestError(
      `${user.name} may not resolve this item (not a compliance officer here, or it reviews their own work).`,
      "assignee_may_not_resolve",
    );
  return user.id;
}

/** Sets the assignee of one locked, open item, with its audit entry; claiming an alert acknowledges it. */
export async function assignLocked(
  tx: Tx,
  actor: UserActor,
  item: ItemRow,
  region: string,
  assignee: string | null,
): Promise<void> {
  const to = await assigneeFor(tx, actor, item, region, assignee);
  await tx.reviewItem.update({
    where: { id: item.id },
    data: { assigneeId: to, state: to ? "in_review" : "open" },
    select: { id: true },
  });
  if (to) await acknowledgeSource(tx, actor, item);
  await appendAudit(tx, {
    actor,
    tenantId: item.tenantId,
    action: "review.item_assigned",
    subject: `review_item:${item.id}`,
    outcome: "success",
    details: { kind: kindOf(item), source_id: item.sourceId, assignee_id: to, previous_assignee_id: item.assigneeId },
  });
}

/** `POST …/reviews/{id}/assign`: claim ("me"), hand over, or take back (null) an open item. */
export function assignReview(actor: Actor, id: string, body: { assignee: string | null }): Promise<ReviewItemView> {
  return withRegion(actor, "region.reviews.resolve", async ({ actor, region }) => {
    const db = await prisma();
    await db.$transaction(async (tx) => {
      const item = await lockOpenItem(tx, id);
      assertMayResolve(policyPrincipal(actor), item, region.id);
      await assignLocked(tx, actor, item, region.id, body.assignee);
    });
    return viewOne(actor, region.id, id);
  });
}
