/**
 * The review queue's API: the region's queue for compliance officers (list, assign, resolve,
 * bulk, SLAs, saved views) and the items about one tenant for its people. Pure, so route
 * handlers and the OpenAPI generator share them.
 */
import { z } from "zod";
import { safeText } from "@/platform/schema/safe-text";
import { queryInt } from "@/platform/schema/query";
import { defineOperations, instant } from "@/platform/http/openapi-spec";
import { tenantParams } from "@/platform/http/params";
import { REVIEW_KINDS, REVIEW_STATES, SLA_MAX_HOURS, SLA_MIN_HOURS } from "@/modules/reviews/domain/kinds";

const person = z.object({ id: z.string(), name: z.string() });
const text = (max: number) =>
  safeText()
    .max(max)
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, "must not contain control characters");

export const outcomeView = z.object({
  key: z.string(),
  label: z.string(),
  state: z.enum(["resolved", "dismissed"]),
  /** What choosing it does, in plain words. */
  consequence: z.string(),
});

export const reviewItemView = z.object({
  id: z.string(),
  kind: z.enum(REVIEW_KINDS),
  kind_label: z.string(),
  /** Null for region-wide items (subprocessor changes). */
  tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  source_id: z.string(),
  title: z.string(),
  state: z.enum(REVIEW_STATES),
  state_label: z.string(),
  opened_at: instant,
  /** Seconds since it opened (until it closed, for closed items), on the database's clock. */
  age_seconds: z.number().int(),
  due_at: instant,
  /** Still open past its due date. */
  overdue: z.boolean(),
  assignee: person.nullable(),
  /** Whose work it reviews: that person never resolves it (four eyes). */
  author: person.nullable(),
  resolved_at: instant.nullable(),
  resolved_by: person.nullable(),
  outcome: z.string().nullable(),
  outcome_label: z.string().nullable(),
  rationale: z.string().nullable(),
  /** Where the source lives in the portal. */
  link: z.string().nullable(),
  /** The outcomes the caller may choose now (empty when the item is closed or is the caller's own work). */
  allowed_outcomes: z.array(outcomeView),
  /** "assign", "resolve": what the policy lets the caller do with this item now. */
  allowed_actions: z.array(z.enum(["assign", "resolve"])),
  /** Whether this item may be dismissed in a bulk action (alerts and access findings). */
  bulk_dismiss: z.boolean(),
});
export type ReviewItemView = z.infer<typeof reviewItemView>;

export const reviewsQuery = z.object({
  kind: z.enum(REVIEW_KINDS).optional(),
  /** "active" (open or in review, the default), "all", or one state. */
  state: z.enum([...REVIEW_STATES, "active", "all"]).optional(),
  /** A tenant's slug. */
  tenant: safeText().max(100).optional(),
  /** "me", "none", or a user id. */
  assignee: safeText().max(100).optional(),
  overdue: z.enum(["true", "false"]).optional(),
  /** One item's id: that item alone, in whatever state (unless `state` says otherwise). */
  item: safeText().max(64).optional(),
  page: queryInt(1, 100_000).optional(),
  per_page: queryInt(1, 200).optional(),
});
export type ReviewsQuery = z.infer<typeof reviewsQuery>;

export const reviewList = z.object({
  region: z.string(),
  now: instant,
  items: z.array(reviewItemView),
  page: z.number().int(),
  per_page: z.number().int(),
  total: z.number().int(),
  /** Open or in review, whatever the filters: the number the navigation shows. */
  open_count: z.number().int(),
  /** The kinds a bulk dismissal accepts. */
  bulk_dismiss_kinds: z.array(z.enum(REVIEW_KINDS)),
  /** "configure": the caller may set the SLAs. */
  allowed_actions: z.array(z.enum(["resolve", "configure"])),
});
export type ReviewList = z.infer<typeof reviewList>;

export const reviewParams = z.object({ id: safeText().max(64) });

export const resolveBody = z.strictObject({
  outcome: safeText().max(64),
  /** Required: a written rationale (400 rationale_required when missing or blank). */
  rationale: text(4000).optional(),
});

export const assignBody = z.strictObject({
  /** A user id, "me", or null to take the item back to open. */
  assignee: safeText().max(100).nullable(),
});

export const bulkBody = z.strictObject({
  action: z.enum(["assign", "dismiss"]),
  ids: z.array(safeText().max(64)).min(1).max(200),
  /** For "assign": a user id, "me", or null. */
  assignee: safeText().max(100).nullable().optional(),
  /** For "dismiss": required. */
  rationale: text(4000).optional(),
});
export const bulkResult = z.object({
  action: z.enum(["assign", "dismiss"]),
  changed: z.number().int(),
  items: z.array(reviewItemView),
});

export const slaView = z.object({
  kind: z.enum(REVIEW_KINDS),
  kind_label: z.string(),
  hours: z.number().int(),
  default_hours: z.number().int(),
  updated_by: person.nullable(),
  updated_at: instant.nullable(),
});
export const slaList = z.object({ slas: z.array(slaView), allowed_actions: z.array(z.enum(["configure"])) });
export type SlaList = z.infer<typeof slaList>;
export const slaBody = z.strictObject({
  slas: z
    .array(
      z.strictObject({ kind: z.enum(REVIEW_KINDS), hours: z.number().int().min(SLA_MIN_HOURS).max(SLA_MAX_HOURS) }),
    )
    .min(1)
    .max(REVIEW_KINDS.length),
});

export const viewFilters = z.strictObject({
  kind: z.enum(REVIEW_KINDS).optional(),
  state: z.enum([...REVIEW_STATES, "active", "all"]).optional(),
  tenant: safeText().max(100).optional(),
  assignee: safeText().max(100).optional(),
  overdue: z.enum(["true", "false"]).optional(),
});
export type ViewFilters = z.infer<typeof viewFilters>;
export const savedView = z.object({ id: z.string(), name: z.string(), filters: viewFilters, created_at: instant });
export type SavedView = z.infer<typeof savedView>;
export const savedViewList = z.object({ views: z.array(savedView) });
export const savedViewBody = z.strictObject({
  name: text(80).trim().min(1, "must name the view"),
  filters: viewFilters,
});
export const savedViewParams = z.object({ id: safeText().max(64) });
export const deletedView = z.object({ deleted: z.literal(true) });

export const tenantReviewItem = reviewItemView.pick({
  id: true,
  kind: true,
  kind_label: true,
  title: true,
  state: true,
  state_label: true,
  opened_at: true,
  due_at: true,
  overdue: true,
  resolved_at: true,
  resolved_by: true,
  outcome: true,
  outcome_label: true,
  rationale: true,
});
export type TenantReviewItem = z.infer<typeof tenantReviewItem>;
export const tenantReviewList = z.object({ now: instant, items: z.array(tenantReviewItem) });
export type TenantReviewList = z.infer<typeof tenantReviewList>;

const R = "/api/v1/region";

export const reviewsOperations = defineOperations("reviews", {
  [`GET ${R}/reviews`]: {
    summary:
      "The region's review queue for compliance officers: filter by kind, state, tenant, assignee, overdue; paged, oldest due first.",
    auth: "required",
    query: reviewsQuery,
    responses: { 200: reviewList },
  },
  [`GET ${R}/reviews/{id}`]: {
    summary: "One item of the review queue.",
    auth: "required",
    params: reviewParams,
    responses: { 200: reviewItemView },
  },
  [`POST ${R}/reviews/{id}/assign`]: {
    summary: 'Assign an item to a compliance officer ("me" claims it; null takes it back to open).',
    auth: "required",
    params: reviewParams,
    body: assignBody,
    responses: { 200: reviewItemView },
  },
  [`POST ${R}/reviews/{id}/resolve`]: {
    summary:
      "Resolve or dismiss an item with one of its kind's outcomes and a written rationale (four eyes: never your own work). Kinds with their own workflow run it.",
    auth: "required",
    params: reviewParams,
    body: resolveBody,
    responses: { 200: reviewItemView },
  },
  [`POST ${R}/reviews/bulk`]: {
    summary:
      "Assign many items, or dismiss many alerts and access findings (the kinds in bulk_dismiss_kinds) with one rationale: all or nothing.",
    auth: "required",
    body: bulkBody,
    responses: { 200: bulkResult },
  },
  [`GET ${R}/review-slas`]: {
    summary: "Each kind's SLA in hours (the due date of items opened from now on).",
    auth: "required",
    responses: { 200: slaList },
  },
  [`PUT ${R}/review-slas`]: {
    summary: "Compliance officers set kinds' SLAs in hours (1 to 8760); open items keep their due date.",
    auth: "required",
    body: slaBody,
    responses: { 200: slaList },
  },
  [`GET ${R}/review-views`]: {
    summary: "Your saved queue filters.",
    auth: "required",
    responses: { 200: savedViewList },
  },
  [`POST ${R}/review-views`]: {
    summary: "Save the queue's filters under a name; a name you already use is replaced.",
    auth: "required",
    body: savedViewBody,
    responses: { 201: savedView },
  },
  [`DELETE ${R}/review-views/{id}`]: {
    summary: "Delete one of your saved views.",
    auth: "required",
    params: savedViewParams,
    responses: { 200: deletedView },
  },
  [`GET /api/v1/tenants/{tenant}/reviews`]: {
    summary: "The review items about the tenant and their outcomes, newest first.",
    auth: "required",
    params: tenantParams,
    responses: { 200: tenantReviewList },
  },
});
