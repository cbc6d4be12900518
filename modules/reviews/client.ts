import type { z } from "zod";
import { apiCall, apiSend } from "@/platform/http/client-fetch";
import type {
  assignBody,
  bulkBody,
  bulkResult,
  resolveBody,
  reviewItemView,
  reviewList,
  reviewsQuery,
  savedView,
  savedViewBody,
  savedViewList,
  slaBody,
  slaList,
  tenantReviewList,
  viewFilters,
} from "@/modules/reviews/api-schemas";

export type ReviewItem = z.infer<typeof reviewItemView>;
export type ReviewPage = z.infer<typeof reviewList>;
export type ReviewFilters = z.infer<typeof viewFilters>;
export type ReviewsQueryInput = z.input<typeof reviewsQuery>;
export type SavedReviewView = z.infer<typeof savedView>;
export type SavedReviewViews = z.infer<typeof savedViewList>;
export type ReviewSlas = z.infer<typeof slaList>;
export type TenantReviews = z.infer<typeof tenantReviewList>;
export type BulkResult = z.infer<typeof bulkResult>;

const R = "/api/v1/region";
const item = (id: string) => `${R}/reviews/${encodeURIComponent(id)}`;

/** The filters as a query string (only those set), in a stable order so views compare equal. */
export function filtersQuery(f: ReviewFilters & { page?: number }): string {
  const p = new URLSearchParams();
  for (const key of ["kind", "state", "tenant", "assignee", "overdue"] as const) if (f[key]) p.set(key, f[key]!);
  if (f.page && f.page > 1) p.set("page", String(f.page));
  return p.toString();
}

/** The typed browser client of the review queue. */
export const reviewsApi = {
  list: (q: ReviewFilters = {}) => apiCall<ReviewPage>(`${R}/reviews?${filtersQuery(q)}`),
  get: (id: string) => apiCall<ReviewItem>(item(id)),
  assign: (id: string, body: z.input<typeof assignBody>) => apiSend<ReviewItem>(`${item(id)}/assign`, body),
  resolve: (id: string, body: z.input<typeof resolveBody>) => apiSend<ReviewItem>(`${item(id)}/resolve`, body),
  bulk: (body: z.input<typeof bulkBody>) => apiSend<BulkResult>(`${R}/reviews/bulk`, body),
  slas: () => apiCall<ReviewSlas>(`${R}/review-slas`),
  putSlas: (body: z.input<typeof slaBody>) => apiSend<ReviewSlas>(`${R}/review-slas`, body, "PUT"),
  views: () => apiCall<SavedReviewViews>(`${R}/review-views`),
  saveView: (body: z.input<typeof savedViewBody>) => apiSend<SavedReviewView>(`${R}/review-views`, body),
  deleteView: (id: string) =>
    apiSend<{ deleted: true }>(`${R}/review-views/${encodeURIComponent(id)}`, undefined, "DELETE"),
  tenant: (slug: string) => apiCall<TenantReviews>(`/api/v1/tenants/${encodeURIComponent(slug)}/reviews`),
};

export const reviewKeys = {
  all: ["reviews"] as const,
  list: (q: ReviewFilters) => ["reviews", "list", filtersQuery(q)] as const,
  tenant: (slug: string) => ["reviews", "tenant", slug] as const,
};
