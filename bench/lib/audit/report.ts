/** The audit-log bench's figures as tables on stdout (the JSON is written by report.ts's writeJson). */

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles, as bench/lib/load.ts computes them. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function summary(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
  };
}

export interface Load {
  atStart: number;
  atEnd: number;
}

export interface AppendRow {
  database: string;
  writers: number;
  seconds: number;
  appends: number;
  appendsPerSecond: number;
  failed: number;
  errors: Record<string, number>;
  /** integrated_at − at in ms, from the stored entries. */
  latencyMs: {
    entries: number;
    integrated: number;
    p50: number;
    p95: number;
    p99: number;
    max: number;
    min: number;
    mean: number;
  };
  /** Integrator runs during the measured window and the drain after it. */
  integrator: { runs: number; runsWithWork: number; meanBatch: number; txMs: Summary; failures: number };
  cpuMsPerAppend: number;
  load1m: Load;
}

export interface LogRow {
  database: string;
  build?: import("./large-log").BuildFigures;
  proofs?: import("./large-log").ProofFigures;
  verify?: import("./large-log").VerifyFigures;
  load1m: Load;
}

const f = (x: number, d = 0) =>
  Number.isFinite(x) ? x.toLocaleString("en", { minimumFractionDigits: d, maximumFractionDigits: d }) : "n/a";

function table(head: string[], rows: string[][], rightFrom = 1): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i >= rightFrom ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

export function printAppends(rows: AppendRow[], perTx = 1): void {
  if (rows.length === 0) return;
  const per = perTx === 1 ? "one appendAudit per transaction" : `${perTx} appendAudit calls per transaction`;
  console.log(`\nSustained appends (${per}) with the integrator running every 200 ms`);
  table(
    [
      "database",
      "writers",
      "appends/s",
      "appends",
      "failed",
      "lat p50 ms",
      "p95",
      "p99",
      "max",
      "batches",
      "mean batch",
      "integ. tx p50 ms",
      "p99",
      "CPU ms/append",
      "load 1m",
    ],
    rows.map((r) => [
      r.database,
      String(r.writers),
      f(r.appendsPerSecond),
      f(r.appends),
      f(r.failed),
      f(r.latencyMs.p50),
      f(r.latencyMs.p95),
      f(r.latencyMs.p99),
      f(r.latencyMs.max),
      f(r.integrator.runsWithWork),
      f(r.integrator.meanBatch),
      f(r.integrator.txMs.p50),
      f(r.integrator.txMs.p99),
      f(r.cpuMsPerAppend, 2),
      `${r.load1m.atStart.toFixed(1)}→${r.load1m.atEnd.toFixed(1)}`,
    ]),
    1,
  );
  console.log(
    "lat: integration latency, integrated_at − at of each entry appended in the run (both stored; ms precision).",
  );
  console.log(
    "integ. tx: duration of one integration transaction (≤ 2,000 entries); a checkpoint is visible when it ends.",
  );
  console.log(
    "CPU: this process only (writers, Prisma, integrator; with the embedded database, the database as well).",
  );
  for (const r of rows) {
    for (const [message, n] of Object.entries(r.errors))
      console.log(`  ${r.database}/${r.writers} writers: ${n}× ${message}`);
  }
}

export function printLog(rows: LogRow[]): void {
  if (rows.length === 0) return;
  const metrics: [string, (r: LogRow) => string][] = [
    ["log size (entries)", (r) => f(r.build?.entries ?? r.proofs?.size ?? Number.NaN)],
    ["bulk insert (SQL), s", (r) => f(r.build?.bulkSeconds ?? Number.NaN, 1)],
    ["integration of all, s", (r) => f(r.build?.integrationSeconds ?? Number.NaN, 1)],
    ["  entries integrated/s", (r) => f(r.build?.integratedPerSecond ?? Number.NaN)],
    ["  CPU ms per entry (this process)", (r) => f(r.build?.integrationCpuMsPerEntry ?? Number.NaN, 3)],
    ["  batch ms p50 / p99", (r) => (r.build ? `${f(r.build.batchMs.p50)} / ${f(r.build.batchMs.p99)}` : "n/a")],
    [
      "  batch ms, first / last tenth",
      (r) => (r.build ? `${f(r.build.firstTenthBatchMeanMs)} / ${f(r.build.lastTenthBatchMeanMs)}` : "n/a"),
    ],
    [
      "storage: entries / tree nodes, MiB",
      (r) =>
        r.build
          ? `${f(r.build.storage.entriesBytes / 2 ** 20)} / ${f(r.build.storage.treeNodesBytes / 2 ** 20)}`
          : "n/a",
    ],
    ["  dead entry row versions", (r) => f(r.build?.storage.entriesDeadRows ?? Number.NaN)],
    [
      "inclusionProofFor ms p50 / p99",
      (r) => (r.proofs ? `${f(r.proofs.inclusionMs.p50, 2)} / ${f(r.proofs.inclusionMs.p99, 2)}` : "n/a"),
    ],
    [
      "consistencyProofFor ms p50 / p99",
      (r) => (r.proofs ? `${f(r.proofs.consistencyMs.p50, 2)} / ${f(r.proofs.consistencyMs.p99, 2)}` : "n/a"),
    ],
    [
      "tlogProofFor ms p50 / p99",
      (r) => (r.proofs ? `${f(r.proofs.tlogProofMs.p50, 2)} / ${f(r.proofs.tlogProofMs.p99, 2)}` : "n/a"),
    ],
    [
      "verifyRegionLog, s",
      (r) => (r.verify ? `${f(r.verify.verifySeconds, 1)}${r.verify.verification.ok ? "" : " (BROKEN)"}` : "n/a"),
    ],
    ["  checkpoints checked", (r) => f(r.verify?.verification.checkpoints ?? Number.NaN)],
    [
      "leaf bytes, MiB (mean B/entry)",
      (r) => (r.verify ? `${f(r.verify.leafBytes / 2 ** 20, 0)} (${f(r.verify.meanLeafBytes)})` : "n/a"),
    ],
    ["plain SHA-256 of them, s", (r) => f(r.verify?.plainSha256Seconds ?? Number.NaN, 2)],
    ["verification / plain SHA-256", (r) => (r.verify ? `${f(r.verify.ratio, 0)}×` : "n/a")],
    ["  in-memory leaf hashes + tree, s", (r) => f(r.verify?.inMemoryTreeSeconds ?? Number.NaN, 2)],
    ["  reading entries back, s", (r) => f(r.verify?.readSeconds ?? Number.NaN, 1)],
    ["  canonical JSON of them, s", (r) => f(r.verify?.canonicalSeconds ?? Number.NaN, 1)],
    ["load 1m, start → end", (r) => `${r.load1m.atStart.toFixed(1)} → ${r.load1m.atEnd.toFixed(1)}`],
  ];
  console.log("\nLarge log: integration, proofs (one request at a time), full verification");
  table(
    ["", ...rows.map((r) => r.database)],
    metrics.map(([label, get]) => [label, ...rows.map(get)]),
  );
  for (const r of rows) {
    if (r.verify && !r.verify.verification.ok)
      console.log(
        `  ${r.database}: verification FAILED at ${r.verify.verification.brokenAt}: ${r.verify.verification.reason}`,
      );
  }
}
