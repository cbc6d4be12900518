import type { KeyTimeline } from "@/modules/keys/client";
import { formatAxisTime, formatDate, formatDateTime } from "@/platform/format";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const PERIODS = [
  { id: "24h", label: "Last 24 hours", ms: DAY_MS, bucketMs: HOUR_MS },
  { id: "7d", label: "Last 7 days", ms: 7 * DAY_MS, bucketMs: HOUR_MS },
  { id: "14d", label: "Last 14 days", ms: 14 * DAY_MS, bucketMs: DAY_MS },
  { id: "30d", label: "Last 30 days", ms: 30 * DAY_MS, bucketMs: DAY_MS },
] as const;

export type PeriodId = (typeof PERIODS)[number]["id"];
export type Period = (typeof PERIODS)[number];

export function periodOf(id: PeriodId): Period {
  return PERIODS.find((p) => p.id === id) ?? PERIODS[1];
}

/**
 * The period's window, ending after the current hour (usage is hourly, so the current hour is
 * in) or, for daily buckets, at the next UTC midnight so each bar is one calendar day.
 */
export function windowFor(period: Period, now: number): { from: number; to: number } {
  const unit = period.bucketMs;
  const to = Math.floor(now / unit) * unit + unit;
  return { from: to - period.ms, to };
}

/**
 * One bucket of the chart. `succeeded`, `failed` and `failedAfterDisable` are the data plane's
 * (the red "failed after disable" series is the kill switch at work on the customer's systems);
 * the portal's own use (Terrane's page renders, rotation, revocation probes) is its own series,
 * `portalSucceeded` and `portalFailed`, whether or not the key was enabled.
 */
export interface UsageBucket {
  /** ISO start of the bucket (the chart's category). */
  bucket: string;
  succeeded: number;
  failed: number;
  failedAfterDisable: number;
  portalSucceeded: number;
  portalFailed: number;
  /** Of `portalFailed`, those in an hour the key was not enabled: the portal failing closed. */
  portalFailedAfterDisable: number;
}

/** Rows written before the source was recorded, or by an older server, are the data plane's. */
export const isPortal = (u: { source?: string }) => u.source === "portal";

/** Every bucket of the window, empty ones included, so the time axis has no gaps. */
export function bucketUsage(
  usage: KeyTimeline["usage"],
  window: { from: number; to: number },
  bucketMs: number,
): UsageBucket[] {
  const buckets = new Map<number, UsageBucket>();
  for (let t = window.from; t < window.to; t += bucketMs) {
    buckets.set(t, {
      bucket: new Date(t).toISOString(),
      succeeded: 0,
      failed: 0,
      failedAfterDisable: 0,
      portalSucceeded: 0,
      portalFailed: 0,
      portalFailedAfterDisable: 0,
    });
  }
  for (const u of usage) {
    const at = new Date(u.hour).getTime();
    const start = window.from + Math.floor((at - window.from) / bucketMs) * bucketMs;
    const b = buckets.get(start);
    if (!b) continue;
    if (isPortal(u)) {
      b.portalSucceeded += u.count - u.failures;
      b.portalFailed += u.failures;
      if (u.after_disable) b.portalFailedAfterDisable += u.failures;
      continue;
    }
    b.succeeded += u.count - u.failures;
    if (u.after_disable) b.failedAfterDisable += u.failures;
    else b.failed += u.failures;
  }
  return [...buckets.values()];
}

export interface UsageTotals {
  /** The data plane's calls, failures, and failures while the key was not enabled. */
  ok: number;
  failed: number;
  after: number;
  /** The portal's own calls and failures (any time), and its failures while the key was not enabled. */
  portalCalls: number;
  portalFailed: number;
  portalAfter: number;
}

export function usageTotals(buckets: UsageBucket[]): UsageTotals {
  return buckets.reduce(
    (t, b) => ({
      ok: t.ok + b.succeeded,
      failed: t.failed + b.failed,
      after: t.after + b.failedAfterDisable,
      portalCalls: t.portalCalls + b.portalSucceeded + b.portalFailed,
      portalFailed: t.portalFailed + b.portalFailed,
      portalAfter: t.portalAfter + b.portalFailedAfterDisable,
    }),
    { ok: 0, failed: 0, after: 0, portalCalls: 0, portalFailed: 0, portalAfter: 0 },
  );
}

/** The bucket an instant falls in (for marking lifecycle events on the time axis). */
export function bucketOf(iso: string, window: { from: number }, bucketMs: number): string {
  const at = new Date(iso).getTime();
  return new Date(window.from + Math.floor((at - window.from) / bucketMs) * bucketMs).toISOString();
}

export interface ServiceUsage {
  service: string;
  source: "data_plane" | "portal";
  operation: string;
  calls: number;
  failed: number;
  failedAfterDisable: number;
}

/** Totals per service identity and operation: who used the key in this window. */
export function usageByService(usage: KeyTimeline["usage"]): ServiceUsage[] {
  const rows = new Map<string, ServiceUsage>();
  for (const u of usage) {
    const source: ServiceUsage["source"] = isPortal(u) ? "portal" : "data_plane";
    const id = `${source}\u0000${u.service}\u0000${u.operation}`;
    const row: ServiceUsage = rows.get(id) ?? {
      service: u.service,
      source,
      operation: u.operation,
      calls: 0,
      failed: 0,
      failedAfterDisable: 0,
    };
    row.calls += u.count;
    // Only the data plane's refusals are the kill switch's red figure; the portal's are failures of its own.
    if (u.after_disable && source === "data_plane") row.failedAfterDisable += u.failures;
    else row.failed += u.failures;
    rows.set(id, row);
  }
  return [...rows.values()].sort((a, b) => b.calls - a.calls);
}

/** A bucket in words, with its zone: "3 December 2026 UTC" for a day, "3 Dec 2026, 14:00 UTC" for an hour. */
export function bucketLabel(iso: string, bucketMs: number): string {
  return bucketMs >= DAY_MS ? formatDate(iso) : formatDateTime(iso);
}

/** A bucket as a chart tick, short ("3 Dec", "3 Dec, 14:00"): the chart's caption says UTC. */
export function bucketTick(iso: string, bucketMs: number): string {
  return formatAxisTime(iso, bucketMs >= DAY_MS ? "day" : "hour");
}

/**
 * Where in the window the key was not enabled, from its lifecycle events (each carries
 * from_state/to_state). Before the first change the key was in that change's from_state; with
 * no change in the window, in its current state throughout.
 */
export function offSpans(
  events: KeyTimeline["events"],
  currentState: string,
  window: { from: number; to: number },
  bucketMs: number,
): { from: string; to: string }[] {
  const changes = events
    .map((e) => ({
      at: new Date(e.at).getTime(),
      ...((e.details ?? {}) as { from_state?: unknown; to_state?: unknown }),
    }))
    .filter((c): c is { at: number; from_state?: unknown; to_state: string } => typeof c.to_state === "string");
  const initial = changes[0]
    ? typeof changes[0].from_state === "string"
      ? changes[0].from_state
      : "enabled"
    : currentState;
  const spans: [number, number][] = [];
  let since: number | null = initial === "enabled" ? null : window.from;
  for (const c of changes) {
    if (c.to_state !== "enabled" && since === null) since = c.at;
    if (c.to_state === "enabled" && since !== null) {
      spans.push([since, c.at]);
      since = null;
    }
  }
  if (since !== null) spans.push([since, window.to - 1]);
  const at = (t: number) =>
    bucketOf(new Date(Math.min(Math.max(t, window.from), window.to - 1)).toISOString(), window, bucketMs);
  return spans.map(([a, b]) => ({ from: at(a), to: at(b) }));
}
