import "server-only";
import type { Tx } from "@/platform/db/transaction";
import { periodMetrics, share } from "@/modules/governance/domain/metrics";
import { dayOf, resolvePeriod } from "@/modules/governance/domain/period";
import { loadDays } from "@/modules/governance/server/days";

/** The governance figures an attestation carries (the predicate's optional `governance`). */
export interface AttestedGovernance {
  from: string;
  to: string;
  state_as_of: string | null;
  records_in_home_region_share: number | null;
  bytes_in_home_region_share: number | null;
  key_rotation_coverage: number | null;
  open_violations: number;
  alerts_raised: number;
  review_items_closed: number;
  time_to_revoke: { receipts: number; p50_ms: number | null; p99_ms: number | null };
  accesses_outside_grant: number;
}

/**
 * The same figures the Governance page shows for the attested period's UTC days (snapshots for
 * past days), read in the attestation's transaction; null when the period cannot be read as
 * governance days (longer than a year and a day).
 */
export async function attestedGovernance(
  tx: Tx,
  tenantId: string,
  period: { from: Date; to: Date },
  region: string,
  now: Date,
): Promise<AttestedGovernance | null> {
  const today = dayOf(now);
  const lastDay = dayOf(new Date(period.to.getTime() - 1));
  const resolved = resolvePeriod({ from: dayOf(period.from), to: lastDay > today ? today : lastDay }, today);
  if (!resolved.ok) return null;
  const { days } = await loadDays(tx, tenantId, resolved.period, now, region);
  const m = periodMetrics(days);
  return {
    from: m.from,
    to: m.to,
    state_as_of: m.state_as_of,
    records_in_home_region_share: m.residency.overall.records_share,
    bytes_in_home_region_share: m.residency.overall.bytes_share,
    key_rotation_coverage: share(m.keys.rotated_within_period, m.keys.total),
    open_violations: m.violations.open,
    alerts_raised: m.violations.raised,
    review_items_closed: m.reviews.reduce((n, r) => n + r.closed, 0),
    time_to_revoke: m.revocation,
    accesses_outside_grant: m.support.months.reduce((n, x) => n + x.outside_grant, 0),
  };
}
