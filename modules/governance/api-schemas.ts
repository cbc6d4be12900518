/**
 * Governance metrics' routes: the tenant's figures and the region's, for a period of whole UTC
 * days. Pure, so route handlers, the OpenAPI generator and tests share them.
 */
import { z } from "zod";
import { defineOperations, instant } from "@/platform/http/openapi-spec";
import { tenantParams } from "@/platform/http/params";
import { safeText } from "@/platform/schema/safe-text";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** `?from=&to=` are checked for what they mean (a real date, in order, not in the future) by the server: precise 400s. */
export const governanceQuery = z.strictObject({
  from: safeText().max(10).optional().describe("first day (UTC), YYYY-MM-DD; default: 29 days before `to`"),
  to: safeText().max(10).optional().describe("last day (UTC), YYYY-MM-DD, at most today; default: today"),
  format: z.enum(["json", "csv"]).default("json"),
});
export type GovernanceQuery = z.infer<typeof governanceQuery>;

const share = z.number().min(0).max(1).nullable();
const count = z.number().int().min(0);
const seconds = z.number().min(0).nullable();

export const periodMetricsView = z.strictObject({
  from: day,
  to: day,
  /** The day the state figures are of: the last day of the period that has them (null: none). */
  state_as_of: day.nullable(),
  generated_at: instant,
  sources: z.strictObject({
    snapshot_days: count,
    live_days: count,
    days_without_state: count,
  }),
  residency: z.strictObject({
    data_classes: z.array(
      z.strictObject({
        data_class: z.string(),
        records_total: z.number(),
        records_home: z.number(),
        records_share: share,
        bytes_total: z.number(),
        bytes_home: z.number(),
        bytes_share: share,
      }),
    ),
    overall: z.strictObject({ records_share: share, bytes_share: share }),
    stores_without_counts: count,
  }),
  flows: z.array(z.strictObject({ verdict: z.string(), edges: count, runs: count })),
  violations: z.strictObject({
    open: count,
    oldest_age_seconds: seconds,
    median_age_seconds: seconds,
    raised: count,
    resolved: count,
  }),
  reviews: z.array(
    z.strictObject({
      kind: z.string(),
      closed: count,
      p50_seconds: seconds,
      p90_seconds: seconds,
      open: count,
      overdue: count,
    }),
  ),
  keys: z.strictObject({ total: count, rotated_within_period: count, coverage: share }),
  revocation: z.strictObject({ receipts: count, p50_ms: seconds, p99_ms: seconds }),
  support: z.strictObject({
    months: z.array(
      z.strictObject({
        month: z.string().regex(/^\d{4}-\d{2}$/),
        requests: count,
        accesses: count,
        outside_grant: count,
        approvals: count,
        approval_p50_seconds: seconds,
        approval_p90_seconds: seconds,
      }),
    ),
  }),
  subprocessors: z.strictObject({ changes: count, objections_raised: count, objections_resolved: count }),
  trend: z.array(
    z.strictObject({
      day,
      records_share: share,
      bytes_share: share,
      open_violations: count.nullable(),
      key_coverage: share,
      outside_grant: count,
      alerts_raised: count,
    }),
  ),
});
export type PeriodMetricsView = z.infer<typeof periodMetricsView>;

export const tenantGovernanceView = periodMetricsView.extend({
  tenant: z.strictObject({ slug: z.string(), name: z.string(), home_region: z.string() }),
});
export type TenantGovernanceView = z.infer<typeof tenantGovernanceView>;

/** One tenant's headline figures in the region's table: how things stood at the period's end. */
export const tenantHeadline = z.strictObject({
  slug: z.string(),
  name: z.string(),
  records_share: share,
  bytes_share: share,
  open_violations: count,
  key_coverage: share,
  open_reviews: count,
  overdue_reviews: count,
});
export type TenantHeadline = z.infer<typeof tenantHeadline>;

export const regionGovernanceView = periodMetricsView.extend({
  region: z.string(),
  /** Each tenant's headline figures on the period's last day (empty when that past day has no snapshot). */
  tenants: z.array(tenantHeadline),
});
export type RegionGovernanceView = z.infer<typeof regionGovernanceView>;

const T = "/api/v1/tenants/{tenant}";
const csv = {
  contentType: "text/csv",
  description: "`?format=csv`: one row per figure (section, item, metric, value), then the daily trend.",
};

export const governanceOperations = defineOperations("governance", {
  [`GET ${T}/governance`]: {
    summary:
      "The tenant's governance metrics for a period of UTC days (default: the last 30): residency shares by data class, cross-border flows by verdict, open violations, review times, key-rotation coverage, time-to-revoke, support access, subprocessor changes.",
    auth: "required",
    params: tenantParams,
    query: governanceQuery,
    responses: { 200: [tenantGovernanceView, csv] },
  },
  ["GET /api/v1/region/governance"]: {
    summary:
      "The region's governance metrics for a period (compliance officers, provider admins), with each tenant's headline figures at the period's end.",
    auth: "required",
    query: governanceQuery,
    responses: { 200: [regionGovernanceView, csv] },
  },
});
