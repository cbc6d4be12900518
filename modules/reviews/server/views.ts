import "server-only";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import type { Tx } from "@/platform/db/transaction";
import { authorize, type PolicyPrincipal } from "@/platform/policy/engine";
import {
  KINDS,
  OPEN_STATES,
  REVIEW_STATE_LABELS,
  isReviewKind,
  type ReviewKind,
  type ReviewState,
} from "@/modules/reviews/domain/kinds";
import { sourceLink } from "@/modules/reviews/domain/links";
import type { ReviewItemView } from "@/modules/reviews/api-schemas";

export interface ItemRow {
  id: string;
  kind: string;
  tenantId: string | null;
  sourceId: string;
  title: string;
  authorId: string | null;
  state: string;
  openedAt: Date;
  dueAt: Date;
  assigneeId: string | null;
  resolvedAt: Date | null;
  resolvedById: string | null;
  outcome: string | null;
  rationale: string | null;
}

export const ITEM_SELECT = {
  id: true,
  kind: true,
  tenantId: true,
  sourceId: true,
  title: true,
  authorId: true,
  state: true,
  openedAt: true,
  dueAt: true,
  assigneeId: true,
  resolvedAt: true,
  resolvedById: true,
  outcome: true,
  rationale: true,
} as const;

/** The policy's resource for an item: its region and whose work it reviews. */
export function itemResource(item: Pick<ItemRow, "id" | "authorId">, region: string) {
  return { type: "ReviewItem" as const, id: item.id, region, authors: item.authorId ? [item.authorId] : [] };
}

export function kindOf(row: Pick<ItemRow, "kind">): ReviewKind {
  if (!isReviewKind(row.kind)) throw new Error(`review_items holds an unknown kind ${row.kind}`);
  return row.kind;
}

export function isOpen(row: Pick<ItemRow, "state">): boolean {
  return OPEN_STATES.includes(row.state as ReviewState);
}

type Db = PrismaClient | Tx;

/** Names of people and tenants for a page of items, in two queries. */
export async function namesFor(db: Db, rows: readonly ItemRow[]) {
  const userIds = new Set<string>();
  const tenantIds = new Set<string>();
  for (const r of rows) {
    for (const id of [r.assigneeId, r.authorId, r.resolvedById]) if (id) userIds.add(id);
    if (r.tenantId) tenantIds.add(r.tenantId);
  }
  const [users, tenants] = await Promise.all([
    userIds.size
      ? db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } })
      : Promise.resolve([]),
    tenantIds.size
      ? db.tenant.findMany({ where: { id: { in: [...tenantIds] } }, select: { id: true, slug: true, name: true } })
      : Promise.resolve([]),
  ]);
  return {
    people: new Map(users.map((u) => [u.id, u])),
    tenants: new Map(tenants.map((t) => [t.id, t])),
  };
}

/**
 * Items as the queue shows them to `principal`: names instead of ids, age and overdue on the
 * database's clock, and what the policy lets the caller do with each (four eyes per item).
 */
export async function itemViews(
  db: Db,
  rows: readonly ItemRow[],
  now: Date,
  principal: PolicyPrincipal,
  region: string,
): Promise<ReviewItemView[]> {
  const { people, tenants } = await namesFor(db, rows);
  const person = (id: string | null) => {
    if (!id) return null;
    const p = people.get(id);
    return { id, name: p?.name ?? "A former user" };
  };
  // One policy decision per author on the page (most items have the same few, or none).
  const decided = new Map<string, boolean>();
  const mayResolveItem = (r: ItemRow) => {
    const key = r.authorId ?? "";
    let allowed = decided.get(key);
    if (allowed === undefined) {
      allowed = authorize(principal, "region.reviews.resolve", itemResource(r, region)).allowed;
      decided.set(key, allowed);
    }
    return allowed;
  };
  return rows.map((r) => {
    const kind = kindOf(r);
    const open = isOpen(r);
    const tenant = r.tenantId ? (tenants.get(r.tenantId) ?? null) : null;
    const mayResolve = open && mayResolveItem(r);
    const end = r.resolvedAt ?? now;
    const outcome = r.outcome ? KINDS[kind].outcomes.find((o) => o.key === r.outcome) : undefined;
    return {
      id: r.id,
      kind,
      kind_label: KINDS[kind].label,
      tenant: tenant ? { id: tenant.id, slug: tenant.slug, name: tenant.name } : null,
      source_id: r.sourceId,
      title: r.title,
      state: r.state as ReviewState,
      state_label: REVIEW_STATE_LABELS[r.state as ReviewState] ?? r.state,
      opened_at: r.openedAt.toISOString(),
      age_seconds: Math.max(0, Math.floor((end.getTime() - r.openedAt.getTime()) / 1000)),
      due_at: r.dueAt.toISOString(),
      overdue: open && r.dueAt.getTime() < now.getTime(),
      assignee: person(r.assigneeId),
      author: person(r.authorId),
      resolved_at: r.resolvedAt?.toISOString() ?? null,
      resolved_by: person(r.resolvedById),
      outcome: r.outcome,
      outcome_label: outcome?.label ?? (r.outcome ? r.outcome.replace(/_/g, " ") : null),
      rationale: r.rationale,
      link: sourceLink(kind, tenant?.slug ?? null),
      allowed_outcomes: mayResolve ? KINDS[kind].outcomes.map((o) => ({ ...o })) : [],
      allowed_actions: mayResolve ? (["assign", "resolve"] as const).slice() : [],
      bulk_dismiss: KINDS[kind].bulkDismiss,
    };
  });
}
