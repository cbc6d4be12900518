import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { databaseNow } from "@/platform/db/db-time";
import { KINDS, REVIEW_STATE_LABELS, type ReviewState } from "@/modules/reviews/domain/kinds";
import type { TenantReviewList } from "@/modules/reviews/api-schemas";
import { ITEM_SELECT, isOpen, kindOf } from "@/modules/reviews/server/views";

/**
 * `GET /api/v1/tenants/{tenant}/reviews`: the items about one tenant, newest first, with their
 * outcome, rationale and who decided (the customer's view of the compliance work on its data).
 * Who is assigned is the provider's internal routing and is left out.
 */
export function listTenantReviews(actor: Actor, tenantSlug: string, origin: RequestOrigin): Promise<TenantReviewList> {
  return withTenant(actor, tenantSlug, "reviews.read", origin, async ({ db, tenant }) => {
    const [rows, now] = await Promise.all([
      db.reviewItem.findMany({
        where: { tenantId: tenant.id },
        select: ITEM_SELECT,
        orderBy: [{ openedAt: "desc" }, { id: "asc" }],
        take: 500,
      }),
      databaseNow(db),
    ]);
    const deciders = await db.user.findMany({
      where: { id: { in: [...new Set(rows.flatMap((r) => (r.resolvedById ? [r.resolvedById] : [])))] } },
      select: { id: true, name: true },
    });
    const names = new Map(deciders.map((u) => [u.id, u.name]));
    return {
      now: now.toISOString(),
      items: rows.map((r) => {
        const kind = kindOf(r);
        const outcome = r.outcome ? KINDS[kind].outcomes.find((o) => o.key === r.outcome) : undefined;
        return {
          id: r.id,
          kind,
          kind_label: KINDS[kind].label,
          title: r.title,
          state: r.state as ReviewState,
          state_label: REVIEW_STATE_LABELS[r.state as ReviewState] ?? r.state,
          opened_at: r.openedAt.toISOString(),
          due_at: r.dueAt.toISOString(),
          overdue: isOpen(r) && r.dueAt.getTime() < now.getTime(),
          resolved_at: r.resolvedAt?.toISOString() ?? null,
          resolved_by: r.resolvedById
            ? { id: r.resolvedById, name: names.get(r.resolvedById) ?? "A former user" }
            : null,
          outcome: r.outcome,
          outcome_label: outcome?.label ?? (r.outcome ? r.outcome.replace(/_/g, " ") : null),
          rationale: r.rationale,
        };
      }),
    };
  });
}
