/** The soak figures as a table on stdout. */
import type { SoakFigures } from "./load";

export interface SoakRow {
  database: string;
  node: string;
  figures: SoakFigures;
  /** Times the instance process stopped on its own (each one started again). */
  restarts: number;
  exits: string[];
  rssMiB: { before: number | null; peak: number | null; after: number | null };
  /** How long /api/health took to answer right after the load (null: not within 120 s). */
  healthAfterMs: number | null;
}

const mib = (n: number | null) => (n === null ? "n/a" : n.toFixed(0));

export function printSoakTable(rows: SoakRow[], skipped: { database: string; reason: string }[]): void {
  const head = [
    "database",
    "node",
    "req/s",
    "p50 ms",
    "p99 ms",
    "api p99",
    "page p99",
    "requests",
    "non-2xx",
    "errors",
    "restarts",
    "RSS MiB before/peak/after",
    "health after",
    "load avg",
  ];
  const body = rows.map((r) => [
    r.database,
    r.node,
    r.figures.rps.toFixed(1),
    r.figures.latencyMs.all.p50.toFixed(1),
    r.figures.latencyMs.all.p99.toFixed(1),
    r.figures.latencyMs.api.p99.toFixed(1),
    r.figures.latencyMs.page.p99.toFixed(1),
    String(r.figures.requests),
    String(r.figures.non2xx),
    String(r.figures.errors),
    String(r.restarts),
    `${mib(r.rssMiB.before)}/${mib(r.rssMiB.peak)}/${mib(r.rssMiB.after)}`,
    r.healthAfterMs === null ? "none" : `${(r.healthAfterMs / 1000).toFixed(1)} s`,
    `${r.figures.loadAverage.mean.toFixed(1)} (max ${r.figures.loadAverage.max.toFixed(1)})`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log("");
  if (rows.length > 0) {
    console.log(line(head));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const b of body) console.log(line(b));
    console.log(
      "errors: socket errors (refused, reset, timeouts). restarts: exits of the instance process, each started again.",
    );
    console.log(
      "RSS: the instance's processes (with the embedded database inside). load avg: 1-minute, sampled every 5 s.",
    );
    console.log("health after: time for /api/health to answer once the load stopped (the backlog drains first).");
    for (const r of rows) {
      console.log(`\n${r.database} (${r.node}), per request: 2xx responses, p50 / p99 ms`);
      for (const p of r.figures.perPath)
        console.log(
          `  ${p.kind.padEnd(4)}  ${p.path.padEnd(40)} ${String(p.responses).padStart(6)}  ${p.p50.toFixed(0).padStart(6)} / ${p.p99.toFixed(0)}`,
        );
    }
  }
  for (const s of skipped) console.log(`${s.database}: skipped (${s.reason})`);
  console.log("");
}
