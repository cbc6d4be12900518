/** The lineage bench's tables. */

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export function stats(values: number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return {
    n: s.length,
    p50: at(0.5),
    p95: at(0.95),
    max: s[s.length - 1] ?? NaN,
    mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length),
  };
}

export interface IngestRow {
  database: string;
  phase: "graph build" | "steady state";
  concurrency: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  requestMs: Stats;
}

export interface ApiRow {
  database: string;
  shape: string;
  nodes: number;
  edges: number;
  rawEvents: number;
  bytes: number;
  ms: Stats;
}

function table(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 || i === 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "n/a");

export function printIngest(rows: IngestRow[]): void {
  if (rows.length === 0) return;
  console.log("\nIngest (POST /api/v1/ingest/openlineage in-process, one transaction per request)");
  table(
    ["database", "phase", "posters", "events", "s", "events/s", "req p50 ms", "req p95 ms"],
    rows.map((r) => [
      r.database,
      r.phase,
      String(r.concurrency),
      r.events.toLocaleString("en"),
      f(r.seconds),
      Math.round(r.eventsPerSecond).toLocaleString("en"),
      f(r.requestMs.p50, 0),
      f(r.requestMs.p95, 0),
    ]),
  );
}

export function printApi(rows: ApiRow[]): void {
  if (rows.length === 0) return;
  console.log("\nLineage API (GET /api/v1/tenants/{tenant}/lineage in-process, with a bearer token)");
  table(
    ["database", "shape", "nodes", "edges", "raw events", "KiB", "p50 ms", "p95 ms", "max ms"],
    rows.map((r) => [
      r.database,
      r.shape,
      r.nodes.toLocaleString("en"),
      r.edges.toLocaleString("en"),
      r.rawEvents.toLocaleString("en"),
      String(Math.round(r.bytes / 1024)),
      f(r.ms.p50, 0),
      f(r.ms.p95, 0),
      f(r.ms.max, 0),
    ]),
  );
}
