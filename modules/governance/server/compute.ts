import "server-only";
import type { PrismaClient, Tx } from "@/platform/db/transaction";
import { addDays, parseDay } from "@/modules/governance/domain/period";
import { emptyEvents, emptyState, type DayEvents, type DayState } from "@/modules/governance/domain/metrics";
import { DRILL_KEY_ALIAS } from "@/modules/keys/domain/aliases";

type Db = PrismaClient | Tx;

/**
 * Which tenants a computation covers: one, or every tenant homed here (`null`). Region-wide rows
 * (review items about no tenant, such as subprocessor changes) are kept under REGION_ONLY: they
 * count for the region, never for a tenant.
 */
export type TenantFilter = string | null;
export const REGION_ONLY = "";

/**
 * Every query here reads an aggregate where the registers keep one (store counts, lineage edges
 * with their run counts, the daily support-access counts) and groups in the database; only
 * durations and ages come back one value per row, because percentiles are taken over them.
 */

function bucket<T>(map: Map<string, Map<string, T>>, tenant: string, day: string, make: () => T): T {
  let days = map.get(tenant);
  if (!days) map.set(tenant, (days = new Map()));
  let v = days.get(day);
  if (!v) days.set(day, (v = make()));
  return v;
}

/**
 * What happened on each day from `from` to `to` (UTC, both included), per tenant. Days with
 * nothing are absent (the caller fills them with empty events). `subprocessorChanges` is
 * region-wide, per day.
 */
export async function computeEvents(
  db: Db,
  tenant: TenantFilter,
  from: string,
  to: string,
  region: string,
): Promise<{ byTenant: Map<string, Map<string, DayEvents>>; subprocessorChanges: Map<string, number> }> {
  const start = parseDay(from)!;
  const end = parseDay(addDays(to, 1))!;
  const byTenant = new Map<string, Map<string, DayEvents>>();
  const at = (t: string | null, day: string) => bucket(byTenant, t ?? REGION_ONLY, day, emptyEvents);

  const [revoke, reviews, requests, approvals, accesses, changes, raised, resolved, alertsRaised, alertsResolved] =
    await Promise.all([
      db.$queryRaw<{ tenant_id: string; day: string; v: number }[]>`
        SELECT tenant_id, to_char(disabled_at, 'YYYY-MM-DD') AS day, max_ms AS v
          FROM revocation_receipts
         WHERE status = 'complete' AND max_ms IS NOT NULL
           AND disabled_at >= ${start} AND disabled_at < ${end}
           AND (${tenant}::text IS NULL OR tenant_id = ${tenant})`,
      db.$queryRaw<{ tenant_id: string | null; day: string; kind: string; v: number }[]>`
        SELECT tenant_id, to_char(resolved_at, 'YYYY-MM-DD') AS day, kind,
               round(EXTRACT(EPOCH FROM (resolved_at - opened_at)))::float8 AS v
          FROM review_items
         WHERE state IN ('resolved', 'dismissed') AND resolved_at >= ${start} AND resolved_at < ${end}
           AND (${tenant}::text IS NULL OR tenant_id = ${tenant})`,
      db.$queryRaw<{ tenant_id: string; day: string; n: number }[]>`
        SELECT tenant_id, to_char(created_at, 'YYYY-MM-DD') AS day, count(*)::int AS n
          FROM support_requests
         WHERE created_at >= ${start} AND created_at < ${end}
           AND (${tenant}::text IS NULL OR tenant_id = ${tenant})
         GROUP BY 1, 2`,
      // Approval latency: from asking to the decision that granted it (break-glass is opened, not approved).
      db.$queryRaw<{ tenant_id: string; day: string; v: number }[]>`
        SELECT tenant_id, to_char(decided_at, 'YYYY-MM-DD') AS day,
               round(EXTRACT(EPOCH FROM (decided_at - created_at)))::float8 AS v
          FROM support_requests
         WHERE decided_at >= ${start} AND decided_at < ${end} AND denied_by_id IS NULL AND NOT break_glass
           AND (${tenant}::text IS NULL OR tenant_id = ${tenant})`,
      db.$queryRaw<{ tenant_id: string; day: string; within: number; outside: number }[]>`
        SELECT tenant_id, to_char(day, 'YYYY-MM-DD') AS day,
               COALESCE(sum(count) FILTER (WHERE verdict = 'within_grant'), 0)::int AS within,
               COALESCE(sum(count) FILTER (WHERE verdict = 'outside_grant'), 0)::int AS outside
          FROM support_access_daily
         WHERE day >= ${from}::date AND day <= ${to}::date
           AND (${tenant}::text IS NULL OR tenant_id = ${tenant})
         GROUP BY 1, 2`,
      // Announced (reviewed and in force, or to be): a rejected or withdrawn proposal concerns nobody.
      db.$queryRaw<{ day: string; n: number }[]>`
        SELECT to_char(reviewed_at, 'YYYY-MM-DD') AS day, count(*)::int AS n
          FROM subprocessor_changes
         WHERE region = ${region} AND state IN ('announced', 'effective')
           AND reviewed_at >= ${start} AND reviewed_at < ${end}
         GROUP BY 1`,
      db.$queryRaw<{ tenant_id: string; day: string; n: number }[]>`
        SELECT tenant_id, to_char(created_at, 'YYYY-MM-DD') AS day, count(*)::int AS n
          FROM subprocessor_objections
         WHERE created_at >= ${start} AND created_at < ${end}
           AND (${tenant}::text IS NULL OR tenant_id = ${tenant})
         GROUP BY 1, 2`,
      db.$queryRaw<{ tenant_id: string; day: string; n: number }[]>`
        SELECT tenant_id, to_char(resolved_at, 'YYYY-MM-DD') AS day, count(*)::int AS n
          FROM subprocessor_objections
         WHERE resolved_at >= ${start} AND resolved_at < ${end}
           AND (${tenant}::text IS NULL OR tenant_id = ${tenant})
         GROUP BY 1, 2`,
      db.$queryRaw<{ tenant_id: string; day: string; n: number }[]>`
        SELECT tenant_id, to_char(raised_at, 'YYYY-MM-DD') AS day, count(*)::int AS n
          FROM lineage_alerts
         WHERE raised_at >= ${start} AND raised_at < ${end}
           AND (${tenant}::text IS NULL OR tenant_id = ${tenant})
         GROUP BY 1, 2`,
      db.$queryRaw<{ tenant_id: string; day: string; n: number }[]>`
        SELECT tenant_id, to_char(resolved_at, 'YYYY-MM-DD') AS day, count(*)::int AS n
          FROM lineage_alerts
         WHERE resolved_at >= ${start} AND resolved_at < ${end}
           AND (${tenant}::text IS NULL OR tenant_id = ${tenant})
         GROUP BY 1, 2`,
    ]);

  for (const r of revoke) at(r.tenant_id, r.day).revoke_ms.push(r.v);
  for (const r of reviews) {
    const e = at(r.tenant_id, r.day);
    (e.review_close_s[r.kind] ??= []).push(r.v);
  }
  for (const r of requests) at(r.tenant_id, r.day).support_requests += r.n;
  for (const r of approvals) at(r.tenant_id, r.day).support_approval_s.push(r.v);
  for (const r of accesses) {
    const e = at(r.tenant_id, r.day);
    e.accesses_within_grant += r.within;
    e.accesses_outside_grant += r.outside;
  }
  for (const r of raised) at(r.tenant_id, r.day).objections_raised += r.n;
  for (const r of resolved) at(r.tenant_id, r.day).objections_resolved += r.n;
  for (const r of alertsRaised) at(r.tenant_id, r.day).alerts_raised += r.n;
  for (const r of alertsResolved) at(r.tenant_id, r.day).alerts_resolved += r.n;
  return { byTenant, subprocessorChanges: new Map(changes.map((c) => [c.day, c.n])) };
}

/** How things stand at `now`, per tenant (tenants with nothing at all are absent). */
export async function computeStates(db: Db, tenant: TenantFilter, now: Date): Promise<Map<string, DayState>> {
  const states = new Map<string, DayState>();
  const of = (t: string | null) => {
    const key = t ?? REGION_ONLY;
    let s = states.get(key);
    if (!s) states.set(key, (s = emptyState()));
    return s;
  };
  const [residency, unreported, flows, violations, keys, reviews] = await Promise.all([
    // A store's records and bytes count for every data class it holds; "home" is the tenant's home region.
    db.$queryRaw<
      {
        tenant_id: string;
        data_class: string;
        records_total: number;
        records_home: number;
        bytes_total: number;
        bytes_home: number;
      }[]
    >`
      SELECT s.tenant_id, dc.key AS data_class,
             COALESCE(sum(s.record_count), 0)::float8 AS records_total,
             COALESCE(sum(s.record_count) FILTER (WHERE s.region = d.home_region), 0)::float8 AS records_home,
             COALESCE(sum(s.size_bytes), 0)::float8 AS bytes_total,
             COALESCE(sum(s.size_bytes) FILTER (WHERE s.region = d.home_region), 0)::float8 AS bytes_home
        FROM stores s
        JOIN store_data_classes sdc ON sdc.store_id = s.id
        JOIN data_classes dc ON dc.id = sdc.data_class_id
        JOIN directory_tenants d ON d.id = s.tenant_id
       WHERE (${tenant}::text IS NULL OR s.tenant_id = ${tenant})
       GROUP BY s.tenant_id, dc.key
       ORDER BY s.tenant_id, dc.key`,
    db.$queryRaw<{ tenant_id: string; n: number }[]>`
      SELECT tenant_id, count(*)::int AS n FROM stores
       WHERE (record_count IS NULL OR size_bytes IS NULL)
         AND (${tenant}::text IS NULL OR tenant_id = ${tenant})
       GROUP BY 1`,
    db.$queryRaw<{ tenant_id: string; outcome: string; edges: number; runs: number }[]>`
      SELECT tenant_id, outcome, count(*)::int AS edges, COALESCE(sum(count), 0)::int AS runs
        FROM lineage_edges
       WHERE kind = 'flow' AND crossing IS NOT NULL
         AND (${tenant}::text IS NULL OR tenant_id = ${tenant})
       GROUP BY 1, 2`,
    db.$queryRaw<{ tenant_id: string; age: number }[]>`
      SELECT tenant_id, GREATEST(EXTRACT(EPOCH FROM (${now}::timestamptz AT TIME ZONE 'UTC') - raised_at), 0)::float8 AS age
        FROM lineage_alerts
       WHERE kind = 'border_violation' AND status IN ('open', 'acknowledged')
         AND (${tenant}::text IS NULL OR tenant_id = ${tenant})`,
    db.$queryRaw<{ tenant_id: string; total: number; rotated: number }[]>`
      SELECT tenant_id, count(*)::int AS total,
             (count(*) FILTER (WHERE last_rotated_at >= (${now}::timestamptz AT TIME ZONE 'UTC') - rotation_period_days * interval '1 day'))::int AS rotated
        FROM tenant_keys
       WHERE state = 'enabled' AND alias <> ${DRILL_KEY_ALIAS} AND (${tenant}::text IS NULL OR tenant_id = ${tenant})
       GROUP BY 1`,
    db.$queryRaw<{ tenant_id: string | null; kind: string; open: number; overdue: number }[]>`
      SELECT tenant_id, kind, count(*)::int AS open,
             (count(*) FILTER (WHERE due_at < (${now}::timestamptz AT TIME ZONE 'UTC')))::int AS overdue
        FROM review_items
       WHERE state IN ('open', 'in_review') AND (${tenant}::text IS NULL OR tenant_id = ${tenant})
       GROUP BY 1, 2`,
  ]);
  for (const r of residency) {
    const { tenant_id, ...row } = r;
    of(tenant_id).residency.push(row);
  }
  for (const r of unreported) of(r.tenant_id).stores_without_counts = r.n;
  for (const r of flows) of(r.tenant_id).flows[r.outcome] = { edges: r.edges, runs: r.runs };
  for (const r of violations) of(r.tenant_id).open_violation_ages_s.push(Math.round(r.age));
  for (const r of keys) {
    const s = of(r.tenant_id);
    s.keys_total = r.total;
    s.keys_rotated_within_period = r.rotated;
  }
  for (const r of reviews) of(r.tenant_id).open_reviews[r.kind] = { open: r.open, overdue: r.overdue };
  for (const s of states.values()) s.open_violation_ages_s.sort((a, b) => a - b);
  return states;
}
