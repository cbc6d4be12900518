import "server-only";
import type { Actor } from "@/platform/auth/actor";
import {
  reviewsQuery,
  viewFilters,
  type ReviewList,
  type SavedView,
  type ViewFilters,
} from "@/modules/reviews/api-schemas";
import { listReviews } from "@/modules/reviews/server/queue";
import { listSavedViews } from "@/modules/reviews/server/saved-views";

/**
 * What the queue page needs, from its URL query: filters that do not parse are dropped (a page
 * never fails on a hand-edited URL), the page of items, and the caller's saved views.
 */
export async function queuePageData(
  actor: Actor,
  raw: Record<string, string | string[] | undefined>,
): Promise<{ page: ReviewList; filters: ViewFilters; item: string | null; views: SavedView[] }> {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === "string" && v !== "") flat[k] = v;
  const filters: ViewFilters = {};
  for (const key of ["kind", "state", "tenant", "assignee", "overdue"] as const) {
    const one = viewFilters.shape[key].safeParse(flat[key]);
    if (one.success && one.data !== undefined) Object.assign(filters, { [key]: one.data });
  }
  const page = reviewsQuery.shape.page.safeParse(flat.page);
  // `item`: one item by its id, as its source links it (a lineage violation); not a saved filter.
  const one = reviewsQuery.shape.item.safeParse(flat.item);
  const item = one.success && one.data ? one.data : null;
  const [list, saved] = await Promise.all([
    listReviews(actor, {
      ...filters,
      ...(item ? { item } : {}),
      ...(page.success && page.data ? { page: page.data } : {}),
    }),
    listSavedViews(actor),
  ]);
  return { page: list, filters, item, views: saved.views };
}
