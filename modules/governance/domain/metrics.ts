/**
 * Governance metrics: the pure side. The server reads one day's figures per tenant (a snapshot for
 * a past day, the registers' aggregates for today); everything here combines days into a period
 * and computes shares, coverage and percentiles, with no I/O, so tests state the answers directly.
 */

/** What happened on one UTC day: counts, and the durations percentiles are taken over. */
export interface DayEvents {
  /** Revocation receipts completed, by the day the key was disabled: the slowest instance, in ms. */
  revoke_ms: number[];
  /** Review items closed (resolved or dismissed) that day, by kind: seconds from opened to closed. */
  review_close_s: Record<string, number[]>;
  /** Support requests made that day. */
  support_requests: number;
  /** Requests approved that day: seconds from asking to the last approval. */
  support_approval_s: number[];
  /** Accesses by provider staff that day (the daily aggregate), within and outside a grant. */
  accesses_within_grant: number;
  accesses_outside_grant: number;
  /** Subprocessor changes announced in the region that day (they concern every tenant of it). */
  subprocessor_changes: number;
  objections_raised: number;
  objections_resolved: number;
  /** Border alerts (violations and region-unknown findings) raised and resolved that day. */
  alerts_raised: number;
  alerts_resolved: number;
}

export interface ResidencyRow {
  data_class: string;
  records_total: number;
  records_home: number;
  bytes_total: number;
  bytes_home: number;
}

/** How things stood at the end of a day (or now, for today). */
export interface DayState {
  /** Per data class: what the tenant's stores hold, and how much of it in the home region. */
  residency: ResidencyRow[];
  /** Stores that have not reported counts (their records and bytes are unknown, counted as 0). */
  stores_without_counts: number;
  /** Cross-border flows (lineage flow edges that cross a region or reach a subprocessor), by verdict. */
  flows: Record<string, { edges: number; runs: number }>;
  /** Open border violations (open or acknowledged, not resolved): age of each in seconds. */
  open_violation_ages_s: number[];
  /** Keys in service (enabled) and how many were rotated within their rotation period. */
  keys_total: number;
  keys_rotated_within_period: number;
  /** Open review items (open or in review), and overdue ones, by kind. */
  open_reviews: Record<string, { open: number; overdue: number }>;
}

export interface DayMetrics {
  /** YYYY-MM-DD (UTC). */
  day: string;
  events: DayEvents;
  /** Null for a past day without a snapshot: how things stood then is not known any more. */
  state: DayState | null;
}

export function emptyEvents(): DayEvents {
  return {
    revoke_ms: [],
    review_close_s: {},
    support_requests: 0,
    support_approval_s: [],
    accesses_within_grant: 0,
    accesses_outside_grant: 0,
    subprocessor_changes: 0,
    objections_raised: 0,
    objections_resolved: 0,
    alerts_raised: 0,
    alerts_resolved: 0,
  };
}

export function emptyState(): DayState {
  return {
    residency: [],
    stores_without_counts: 0,
    flows: {},
    open_violation_ages_s: [],
    keys_total: 0,
    keys_rotated_within_period: 0,
    open_reviews: {},
  };
}

/**
 * The p-th percentile by the nearest-rank method: the smallest value with at least p% of the values
 * at or below it (so it is always one of the values). Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile ${p} is not in (0, 100]`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

/** part / whole, rounded to 4 decimals; null when the whole is 0 (a share of nothing is not 0% or 100%). */
export function share(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 10_000) / 10_000;
}

/** Whether a key counts as rotated within its period at `now`. */
export function rotatedWithinPeriod(lastRotatedAt: Date, rotationPeriodDays: number, now: Date): boolean {
  return now.getTime() - lastRotatedAt.getTime() <= rotationPeriodDays * 86_400_000;
}

/** One tenant's events and the region's: sums and concatenations. */
export function addEvents(a: DayEvents, b: DayEvents): DayEvents {
  const review: Record<string, number[]> = { ...a.review_close_s };
  for (const [k, v] of Object.entries(b.review_close_s)) review[k] = [...(review[k] ?? []), ...v];
  return {
    revoke_ms: [...a.revoke_ms, ...b.revoke_ms],
    review_close_s: review,
    support_requests: a.support_requests + b.support_requests,
    support_approval_s: [...a.support_approval_s, ...b.support_approval_s],
    accesses_within_grant: a.accesses_within_grant + b.accesses_within_grant,
    accesses_outside_grant: a.accesses_outside_grant + b.accesses_outside_grant,
    // Region-wide: the same changes concern every tenant, so the region counts them once.
    subprocessor_changes: Math.max(a.subprocessor_changes, b.subprocessor_changes),
    objections_raised: a.objections_raised + b.objections_raised,
    objections_resolved: a.objections_resolved + b.objections_resolved,
    alerts_raised: a.alerts_raised + b.alerts_raised,
    alerts_resolved: a.alerts_resolved + b.alerts_resolved,
  };
}

/** Two tenants' states as one (the region's): per class and per verdict sums. */
export function addStates(a: DayState, b: DayState): DayState {
  const byClass = new Map<string, ResidencyRow>();
  for (const r of [...a.residency, ...b.residency]) {
    const had = byClass.get(r.data_class);
    byClass.set(
      r.data_class,
      had
        ? {
            data_class: r.data_class,
            records_total: had.records_total + r.records_total,
            records_home: had.records_home + r.records_home,
            bytes_total: had.bytes_total + r.bytes_total,
            bytes_home: had.bytes_home + r.bytes_home,
          }
        : { ...r },
    );
  }
  const flows: DayState["flows"] = { ...a.flows };
  for (const [k, v] of Object.entries(b.flows)) {
    const had = flows[k];
    flows[k] = had ? { edges: had.edges + v.edges, runs: had.runs + v.runs } : { ...v };
  }
  const reviews: DayState["open_reviews"] = { ...a.open_reviews };
  for (const [k, v] of Object.entries(b.open_reviews)) {
    const had = reviews[k];
    reviews[k] = had ? { open: had.open + v.open, overdue: had.overdue + v.overdue } : { ...v };
  }
  return {
    residency: [...byClass.values()].sort((x, y) => x.data_class.localeCompare(y.data_class)),
    stores_without_counts: a.stores_without_counts + b.stores_without_counts,
    flows,
    open_violation_ages_s: [...a.open_violation_ages_s, ...b.open_violation_ages_s],
    keys_total: a.keys_total + b.keys_total,
    keys_rotated_within_period: a.keys_rotated_within_period + b.keys_rotated_within_period,
    open_reviews: reviews,
  };
}

/** The period's figures, as the API answers them (snake_case JSON). */
export interface PeriodMetrics {
  from: string;
  to: string;
  /** The day the state figures (residency, flows, open items, keys) are of: the last in the period that has them. */
  state_as_of: string | null;
  residency: {
    data_classes: (ResidencyRow & { records_share: number | null; bytes_share: number | null })[];
    overall: { records_share: number | null; bytes_share: number | null };
    stores_without_counts: number;
  };
  flows: { verdict: string; edges: number; runs: number }[];
  violations: {
    open: number;
    oldest_age_seconds: number | null;
    median_age_seconds: number | null;
    raised: number;
    resolved: number;
  };
  reviews: {
    kind: string;
    closed: number;
    p50_seconds: number | null;
    p90_seconds: number | null;
    open: number;
    overdue: number;
  }[];
  keys: { total: number; rotated_within_period: number; coverage: number | null };
  revocation: { receipts: number; p50_ms: number | null; p99_ms: number | null };
  support: {
    months: {
      month: string;
      requests: number;
      accesses: number;
      outside_grant: number;
      approvals: number;
      approval_p50_seconds: number | null;
      approval_p90_seconds: number | null;
    }[];
  };
  subprocessors: { changes: number; objections_raised: number; objections_resolved: number };
  /** One point per day of the period, for the charts (state figures null where a day has none). */
  trend: {
    day: string;
    records_share: number | null;
    bytes_share: number | null;
    open_violations: number | null;
    key_coverage: number | null;
    outside_grant: number;
    alerts_raised: number;
  }[];
}

function overallShares(state: DayState): { records_share: number | null; bytes_share: number | null } {
  let rt = 0,
    rh = 0,
    bt = 0,
    bh = 0;
  for (const r of state.residency) {
    rt += r.records_total;
    rh += r.records_home;
    bt += r.bytes_total;
    bh += r.bytes_home;
  }
  return { records_share: share(rh, rt), bytes_share: share(bh, bt) };
}

/** Days (in order, every day of the period) combined into the period's figures. */
export function periodMetrics(days: readonly DayMetrics[]): PeriodMetrics {
  if (days.length === 0) throw new RangeError("a period has at least one day");
  let events = emptyEvents();
  let subprocessorChanges = 0;
  const months = new Map<string, { requests: number; accesses: number; outside: number; approval: number[] }>();
  for (const d of days) {
    subprocessorChanges += d.events.subprocessor_changes;
    events = addEvents(events, d.events);
    const m = d.day.slice(0, 7);
    const month = months.get(m) ?? { requests: 0, accesses: 0, outside: 0, approval: [] };
    month.requests += d.events.support_requests;
    month.accesses += d.events.accesses_within_grant + d.events.accesses_outside_grant;
    month.outside += d.events.accesses_outside_grant;
    month.approval.push(...d.events.support_approval_s);
    months.set(m, month);
  }
  const last = [...days].reverse().find((d) => d.state !== null) ?? null;
  const state = last?.state ?? emptyState();
  const kinds = new Set([...Object.keys(events.review_close_s), ...Object.keys(state.open_reviews)]);
  const ages = state.open_violation_ages_s;
  return {
    from: days[0]!.day,
    to: days[days.length - 1]!.day,
    state_as_of: last?.day ?? null,
    residency: {
      data_classes: state.residency.map((r) => ({
        ...r,
        records_share: share(r.records_home, r.records_total),
        bytes_share: share(r.bytes_home, r.bytes_total),
      })),
      overall: overallShares(state),
      stores_without_counts: state.stores_without_counts,
    },
    flows: Object.entries(state.flows)
      .map(([verdict, v]) => ({ verdict, ...v }))
      .sort((a, b) => a.verdict.localeCompare(b.verdict)),
    violations: {
      open: ages.length,
      oldest_age_seconds: ages.length ? Math.max(...ages) : null,
      median_age_seconds: percentile(ages, 50),
      raised: events.alerts_raised,
      resolved: events.alerts_resolved,
    },
    reviews: [...kinds].sort().map((kind) => {
      const closed = events.review_close_s[kind] ?? [];
      const open = state.open_reviews[kind] ?? { open: 0, overdue: 0 };
      return {
        kind,
        closed: closed.length,
        p50_seconds: percentile(closed, 50),
        p90_seconds: percentile(closed, 90),
        open: open.open,
        overdue: open.overdue,
      };
    }),
    keys: {
      total: state.keys_total,
      rotated_within_period: state.keys_rotated_within_period,
      coverage: share(state.keys_rotated_within_period, state.keys_total),
    },
    revocation: {
      receipts: events.revoke_ms.length,
      p50_ms: percentile(events.revoke_ms, 50),
      p99_ms: percentile(events.revoke_ms, 99),
    },
    support: {
      months: [...months].map(([month, v]) => ({
        month,
        requests: v.requests,
        accesses: v.accesses,
        outside_grant: v.outside,
        approvals: v.approval.length,
        approval_p50_seconds: percentile(v.approval, 50),
        approval_p90_seconds: percentile(v.approval, 90),
      })),
    },
    subprocessors: {
      changes: subprocessorChanges,
      objections_raised: events.objections_raised,
      objections_resolved: events.objections_resolved,
    },
    trend: days.map((d) => {
      const s = d.state ? overallShares(d.state) : null;
      return {
        day: d.day,
        records_share: s?.records_share ?? null,
        bytes_share: s?.bytes_share ?? null,
        open_violations: d.state ? d.state.open_violation_ages_s.length : null,
        key_coverage: d.state ? share(d.state.keys_rotated_within_period, d.state.keys_total) : null,
        outside_grant: d.events.accesses_outside_grant,
        alerts_raised: d.events.alerts_raised,
      };
    }),
  };
}
