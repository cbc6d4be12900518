import { describe, expect, it } from "vitest";
import {
  addStates,
  emptyEvents,
  emptyState,
  percentile,
  periodMetrics,
  rotatedWithinPeriod,
  share,
  type DayMetrics,
} from "@/modules/governance/domain/metrics";
import { MAX_PERIOD_DAYS, resolvePeriod } from "@/modules/governance/domain/period";

describe("percentile (nearest rank)", () => {
  it("is always one of the values: the smallest with at least p% at or below it", () => {
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([40, 10, 30, 20], 75)).toBe(30);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
    expect(percentile([5], 1)).toBe(5);
    expect(percentile([1200, 3400], 50)).toBe(1200);
    expect(percentile([1200, 3400], 99)).toBe(3400);
  });
  it("has no value for no values, and refuses a percentile outside (0, 100]", () => {
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe("share and coverage", () => {
  it("rounds to four decimals and has no share of nothing", () => {
    expect(share(800, 1200)).toBe(0.6667);
    expect(share(0, 5)).toBe(0);
    expect(share(5, 5)).toBe(1);
    expect(share(0, 0)).toBeNull();
  });
  it("counts a key rotated exactly one period ago as within it, a millisecond later as not", () => {
    const now = new Date("2026-12-02T12:00:00Z");
    expect(rotatedWithinPeriod(new Date("2026-11-02T12:00:00Z"), 30, now)).toBe(true);
    expect(rotatedWithinPeriod(new Date("2026-11-02T11:59:59.999Z"), 30, now)).toBe(false);
  });
});

describe("the region's state is the tenants' summed", () => {
  it("adds records and bytes per data class, flows per verdict, open reviews per kind", () => {
    const a = {
      ...emptyState(),
      residency: [{ data_class: "pii", records_total: 10, records_home: 10, bytes_total: 100, bytes_home: 50 }],
      flows: { violation: { edges: 1, runs: 4 } },
      open_violation_ages_s: [60],
      keys_total: 2,
      keys_rotated_within_period: 1,
      open_reviews: { attestation: { open: 1, overdue: 0 } },
    };
    const b = {
      ...emptyState(),
      residency: [
        { data_class: "pii", records_total: 30, records_home: 0, bytes_total: 100, bytes_home: 0 },
        { data_class: "logs", records_total: 5, records_home: 5, bytes_total: 5, bytes_home: 5 },
      ],
      flows: { violation: { edges: 2, runs: 1 }, allowed: { edges: 1, runs: 1 } },
      open_violation_ages_s: [30],
      keys_total: 1,
      keys_rotated_within_period: 1,
      open_reviews: { attestation: { open: 2, overdue: 2 } },
    };
    expect(addStates(a, b)).toEqual({
      residency: [
        { data_class: "logs", records_total: 5, records_home: 5, bytes_total: 5, bytes_home: 5 },
        { data_class: "pii", records_total: 40, records_home: 10, bytes_total: 200, bytes_home: 50 },
      ],
      stores_without_counts: 0,
      flows: { violation: { edges: 3, runs: 5 }, allowed: { edges: 1, runs: 1 } },
      open_violation_ages_s: [60, 30],
      keys_total: 3,
      keys_rotated_within_period: 2,
      open_reviews: { attestation: { open: 3, overdue: 2 } },
    });
  });
});

describe("a period from its days", () => {
  const day = (d: string, over: Partial<DayMetrics["events"]>, state: DayMetrics["state"]): DayMetrics => ({
    day: d,
    events: { ...emptyEvents(), ...over },
    state,
  });
  const days = [
    day("2026-10-31", { support_approval_s: [100], accesses_outside_grant: 2, accesses_within_grant: 1 }, null),
    day(
      "2026-11-01",
      { support_approval_s: [300, 200], revoke_ms: [900], review_close_s: { attestation: [10, 30] } },
      {
        ...emptyState(),
        residency: [{ data_class: "pii", records_total: 4, records_home: 3, bytes_total: 8, bytes_home: 2 }],
        keys_total: 4,
        keys_rotated_within_period: 3,
      },
    ),
    day("2026-11-02", { revoke_ms: [100, 500], review_close_s: { attestation: [20] }, subprocessor_changes: 2 }, null),
  ];
  const m = periodMetrics(days);

  it("takes state figures from the last day that has them and events from every day", () => {
    expect(m.state_as_of).toBe("2026-11-01");
    expect(m.residency.data_classes[0]).toMatchObject({ records_share: 0.75, bytes_share: 0.25 });
    expect(m.keys).toEqual({ total: 4, rotated_within_period: 3, coverage: 0.75 });
    expect(m.revocation).toEqual({ receipts: 3, p50_ms: 500, p99_ms: 900 });
    expect(m.reviews).toEqual([
      { kind: "attestation", closed: 3, p50_seconds: 20, p90_seconds: 30, open: 0, overdue: 0 },
    ]);
    expect(m.subprocessors.changes).toBe(2);
  });
  it("groups support access by month, percentiles within each month", () => {
    expect(m.support.months).toEqual([
      {
        month: "2026-10",
        requests: 0,
        accesses: 3,
        outside_grant: 2,
        approvals: 1,
        approval_p50_seconds: 100,
        approval_p90_seconds: 100,
      },
      {
        month: "2026-11",
        requests: 0,
        accesses: 0,
        outside_grant: 0,
        approvals: 2,
        approval_p50_seconds: 200,
        approval_p90_seconds: 300,
      },
    ]);
  });
  it("has a trend point per day, with no state figures for days without one", () => {
    expect(m.trend.map((t) => [t.day, t.records_share, t.key_coverage])).toEqual([
      ["2026-10-31", null, null],
      ["2026-11-01", 0.75, 0.75],
      ["2026-11-02", null, null],
    ]);
  });
});

describe("the period a request asks for", () => {
  const today = "2026-12-02";
  it("defaults to the 30 days up to today", () => {
    const r = resolvePeriod({}, today);
    expect(r.ok && [r.period.from, r.period.to, r.period.days.length]).toEqual(["2026-11-03", "2026-12-02", 30]);
  });
  it("says precisely what is wrong", () => {
    const problem = (input: { from?: string; to?: string }) => {
      const r = resolvePeriod(input, today);
      return r.ok ? null : [r.problem.field, r.problem.code];
    };
    expect(problem({ from: "2026-02-30" })).toEqual(["from", "invalid_date"]);
    expect(problem({ to: "02/12/2026" })).toEqual(["to", "invalid_date"]);
    expect(problem({ to: "2026-12-03" })).toEqual(["to", "period_in_future"]);
    expect(problem({ from: "2026-12-01", to: "2026-11-30" })).toEqual(["from", "period_reversed"]);
    expect(problem({ from: "0001-01-01" })).toEqual(["from", "period_too_long"]);
    expect(problem({ from: "2025-12-01", to: "2026-12-01" })).toBeNull();
    expect(MAX_PERIOD_DAYS).toBe(366);
    expect(problem({ from: "2025-12-01", to: "2026-12-02" })).toEqual(["from", "period_too_long"]);
  });
});
