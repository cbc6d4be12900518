import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withRegion } from "@/platform/access/with-region";
import { withTenant, type AuditorEngagement, type RequestOrigin } from "@/platform/access/with-tenant";
import { toCsv } from "@/platform/csv";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import { BadRequestError, ForbiddenError } from "@/platform/errors";
import { currentRegion } from "@/platform/region/registry";
import { periodMetrics, share, type DayState } from "@/modules/governance/domain/metrics";
import { addDays, dayOf, parseDay, resolvePeriod, type Period } from "@/modules/governance/domain/period";
import type {
  GovernanceQuery,
  PeriodMetricsView,
  RegionGovernanceView,
  TenantGovernanceView,
  TenantHeadline,
} from "@/modules/governance/api-schemas";
import { computeStates } from "@/modules/governance/server/compute";
import { loadDays, snapshotMetrics } from "@/modules/governance/server/days";

type PeriodInput = Pick<GovernanceQuery, "from" | "to">;

/** The period asked for, or a precise 400 naming the parameter and what is wrong with it. */
function periodOrThrow(input: PeriodInput, today: string): Period {
  const resolved = resolvePeriod(input, today);
  if (!resolved.ok)
    throw new BadRequestError(resolved.problem.detail, resolved.problem.code, { parameter: resolved.problem.field });
  return resolved.period;
}

/**
 * An auditor reads the figures of the periods their engagement covers only. Without `from`/`to`
 * the default period is fitted into the engagement, so the section opens on something readable.
 */
function auditorPeriod(input: PeriodInput, today: string, engagement: AuditorEngagement): Period {
  const lastDay = engagement.scopeTo ? addDays(dayOf(engagement.scopeTo), -1) : null;
  const firstDay = engagement.scopeFrom ? dayOf(engagement.scopeFrom) : null;
  const to = input.to ?? (lastDay && lastDay < today ? lastDay : today);
  let from = input.from;
  if (from === undefined && firstDay && parseDay(to)) {
    const fallback = addDays(to, -29);
    from = fallback < firstDay ? firstDay : fallback;
  }
  const period = periodOrThrow({ from, to }, today);
  if ((firstDay && period.from < firstDay) || (lastDay && period.to > lastDay))
    throw new ForbiddenError(
      `Your engagement as an auditor covers ${firstDay ?? "the start"} to ${lastDay ?? "today"}: ask for a period within it.`,
      "out_of_scope",
    );
  return period;
}

/** `GET …/tenants/{tenant}/governance`: the tenant's figures for the period. */
export function getTenantGovernance(
  actor: Actor,
  tenantSlug: string,
  input: PeriodInput,
  request: RequestOrigin,
): Promise<TenantGovernanceView> {
  return withTenant(actor, tenantSlug, "governance.read", request, async ({ db, tenant, auditor }) => {
    const now = await databaseNow(db);
    const today = dayOf(now);
    const period = auditor ? auditorPeriod(input, today, auditor) : periodOrThrow(input, today);
    const { days, sources } = await loadDays(db, tenant.id, period, now, tenant.homeRegion);
    return {
      tenant: { slug: tenant.slug, name: tenant.name, home_region: tenant.homeRegion },
      ...periodMetrics(days),
      generated_at: now.toISOString(),
      sources,
    };
  });
}

function headline(slug: string, name: string, state: DayState | null): TenantHeadline {
  let rt = 0,
    rh = 0,
    bt = 0,
    bh = 0;
  for (const r of state?.residency ?? []) {
    rt += r.records_total;
    rh += r.records_home;
    bt += r.bytes_total;
    bh += r.bytes_home;
  }
  const reviews = Object.values(state?.open_reviews ?? {});
  return {
    slug,
    name,
    records_share: share(rh, rt),
    bytes_share: share(bh, bt),
    open_violations: state?.open_violation_ages_s.length ?? 0,
    key_coverage: state ? share(state.keys_rotated_within_period, state.keys_total) : null,
    open_reviews: reviews.reduce((n, r) => n + r.open, 0),
    overdue_reviews: reviews.reduce((n, r) => n + r.overdue, 0),
  };
}

/** `GET /api/v1/region/governance`: the region's figures, and each tenant's headline at the period's end. */
export function getRegionGovernance(actor: Actor, input: PeriodInput): Promise<RegionGovernanceView> {
  return withRegion(actor, "region.governance.read", async ({ region }) => {
    const db = await prisma();
    const now = await databaseNow(db);
    const today = dayOf(now);
    const period = periodOrThrow(input, today);
    const [{ days, sources, liveStates }, tenants] = await Promise.all([
      loadDays(db, null, period, now, region.id),
      db.tenant.findMany({ select: { id: true, slug: true, name: true }, orderBy: { name: "asc" } }),
    ]);
    // The table shows how each tenant stood on the period's last day: live today (the states the
    // region's figures were summed from), else that day's snapshot.
    let states: Map<string, DayState | null>;
    if (period.to === today) states = liveStates ?? (await computeStates(db, null, now));
    else {
      const rows = await db.governanceSnapshot.findMany({
        where: { day: parseDay(period.to)!, tenantId: { not: null } },
        select: { tenantId: true, metrics: true },
      });
      states = new Map(rows.map((r) => [r.tenantId!, snapshotMetrics(r.metrics).state]));
    }
    const liveOrKnown = period.to === today || states.size > 0;
    return {
      region: region.id,
      ...periodMetrics(days),
      generated_at: now.toISOString(),
      sources,
      tenants: liveOrKnown ? tenants.map((t) => headline(t.slug, t.name, states.get(t.id) ?? null)) : [],
    };
  });
}

/** The figures as CSV rows: section, item, metric, value; then one trend row per day and metric. */
export function metricsCsv(view: PeriodMetricsView, extra: (readonly unknown[])[] = []): string {
  const rows: (readonly unknown[])[] = [
    ["period", "", "from", view.from],
    ["period", "", "to", view.to],
    ["period", "", "state_as_of", view.state_as_of],
    ["period", "", "generated_at", view.generated_at],
  ];
  const add = (section: string, item: string, values: Record<string, unknown>) => {
    for (const [metric, value] of Object.entries(values)) rows.push([section, item, metric, value]);
  };
  for (const { data_class, ...r } of view.residency.data_classes) add("residency", data_class, r);
  add("residency", "all data classes", view.residency.overall);
  add("residency", "", { stores_without_counts: view.residency.stores_without_counts });
  for (const { verdict, ...f } of view.flows) add("cross_border_flows", verdict, f);
  add("violations", "border_violation", view.violations);
  for (const { kind, ...r } of view.reviews) add("reviews", kind, r);
  add("keys", "", view.keys);
  add("revocation", "", view.revocation);
  for (const { month, ...m } of view.support.months) add("support_access", month, m);
  add("subprocessors", "", view.subprocessors);
  for (const { day, ...t } of view.trend) add("trend", day, t);
  rows.push(...extra);
  return toCsv(["section", "item", "metric", "value"], rows);
}

export async function tenantGovernanceCsv(
  actor: Actor,
  tenantSlug: string,
  input: PeriodInput,
  request: RequestOrigin,
): Promise<{ body: string; filename: string }> {
  const view = await getTenantGovernance(actor, tenantSlug, input, request);
  return { body: metricsCsv(view), filename: `governance-${view.tenant.slug}-${view.from}-${view.to}.csv` };
}

export async function regionGovernanceCsv(
  actor: Actor,
  input: PeriodInput,
): Promise<{ body: string; filename: string }> {
  const view = await getRegionGovernance(actor, input);
  const extra: unknown[][] = [];
  for (const { slug, name, ...h } of view.tenants)
    for (const [metric, value] of Object.entries(h)) extra.push([`tenant:${slug}`, name, metric, value]);
  return {
    body: metricsCsv(view, extra),
    filename: `governance-${currentRegion().id}-${view.from}-${view.to}.csv`,
  };
}
