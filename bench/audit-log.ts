/**
 * `npm run bench:audit`: the audit log end to end, on the embedded database and on PostgreSQL.
 *
 *  1. Sustained appends: 1, 4 and 16 concurrent writers, each appending one entry per
 *     transaction with appendAudit for a fixed time, while the integrator runs in the
 *     background exactly as an instance runs it (every 200 ms). Appends per second.
 *  2. Integration latency of those entries: integrated_at − at, read back with SQL.
 *  3. A large log (1,000,000 entries on PostgreSQL, 100,000 embedded by default): bulk insert
 *     with SQL, integration of all of it, then inclusion, consistency and tlog-proof generation
 *     times as the public API serves them.
 *  4. verifyRegionLog() over the whole large log next to plain SHA-256 over the same leaf bytes.
 *
 * Prints tables and writes JSON (bench/results/audit-log-<date>.json). No timing assertions;
 * it exits non-zero only when the bench itself fails. Settings: `npm run bench:audit -- --help`.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { resetEnvCache } from "@/platform/env";
import { integrateAll } from "@/modules/audit/server/integrator";
import { openRegionDatabase, useRegionDatabase, type RegionDatabase } from "@/platform/db/db";
import { forgetRegionKeys } from "@/modules/audit/server/signing-keys";
import { readAuditOptions, type AuditBenchOptions } from "./lib/audit/options";
import { appendFor, integrationLatency, maxSeq, startIntegrator } from "./lib/audit/workload";
import { buildLog, timeProofs, timeVerification } from "./lib/audit/large-log";
import { printAppends, printLog, summary, type AppendRow, type LogRow } from "./lib/audit/report";
import type { DatabaseKind } from "./lib/options";
import { createFreshDatabase, probe, redact } from "./lib/postgres";
import { machine, writeJson } from "./lib/report";
import { cleanUp, cleanUpOnSignal, isInterrupted, onCleanUp } from "./lib/cleanups";

const REGION = "eu-central-1";
const WARMUP_SECONDS = 2;

cleanUpOnSignal("stopping and removing the bench data");

const load1m = () => os.loadavg()[0] ?? 0;
const round = (x: number, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

function gitCommit(): string | null {
  const git = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" });
  return git.status === 0 ? git.stdout.trim() : null;
}

/** This process as an instance of the region: env for the data layer, its signing keys sealed under a throw-away key. */
function becomeRegion(dataDir: string): void {
  process.env.REGION = REGION;
  process.env.DATA_DIR = dataDir;
  process.env.REGION_SEALING_KEY = randomBytes(32).toString("base64");
  process.env.LOG_LEVEL = "error";
  delete process.env.DATABASE_URL;
  resetEnvCache();
  forgetRegionKeys();
}

async function open(
  kind: DatabaseKind,
  options: AuditBenchOptions,
  databases: Record<string, unknown>,
): Promise<RegionDatabase | null> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "terrane-bench-audit-"));
  onCleanUp(() => rmSync(workDir, { recursive: true, force: true }));
  becomeRegion(workDir);
  let database: RegionDatabase;
  if (kind === "postgres") {
    const answer = await probe(options.postgresUrl);
    if (!answer.ok) {
      const reason = `PostgreSQL at ${redact(options.postgresUrl)} does not answer: ${answer.reason}`;
      if (options.postgresExplicit) throw new Error(reason);
      console.log(`[postgres] skipped: ${reason} (set BENCH_DATABASE_URL to use another server)`);
      databases.postgres = { skipped: reason };
      return null;
    }
    const fresh = await createFreshDatabase(options.postgresUrl, answer.version);
    onCleanUp(() => fresh.drop());
    console.log(`[postgres] created database ${fresh.name} on ${redact(options.postgresUrl)}`);
    database = await openRegionDatabase({ databaseUrl: fresh.url });
    databases.postgres = { server: `PostgreSQL ${answer.version}`, database: "fresh, dropped afterwards", pool: 16 };
  } else {
    console.log("[embedded] creating a PGlite database in a temporary directory…");
    database = await openRegionDatabase({ dataDir: path.join(workDir, REGION) });
    databases.embedded = {
      server: "PGlite over a Unix socket (pglite-socket)",
      database: "fresh, in a temporary directory",
      pool: 1,
    };
  }
  useRegionDatabase(database);
  onCleanUp(async () => {
    useRegionDatabase(undefined);
    await database.close();
  });
  return database;
}

async function appendRuns(
  kind: DatabaseKind,
  database: RegionDatabase,
  options: AuditBenchOptions,
): Promise<AppendRow[]> {
  const db = database.prisma;
  // The signing key and the first checkpoint, before anything is measured.
  await integrateAll();
  const integrator = startIntegrator(200);
  onCleanUp(() => integrator.stop());
  const counter = { next: 0 };
  const rows: AppendRow[] = [];
  try {
    console.log(`[${kind}] warm-up: ${WARMUP_SECONDS} s with ${Math.max(...options.writers)} writers (discarded)`);
    await appendFor(db, Math.max(...options.writers), WARMUP_SECONDS, REGION, counter, options.perTx);
    await integrator.drained();
    for (const writers of options.writers) {
      if (isInterrupted()) break;
      const loadStart = load1m();
      const before = await maxSeq(db);
      const firstRun = integrator.runs.length;
      const failuresBefore = integrator.failures.length;
      process.stdout.write(`[${kind}] ${writers} writer${writers === 1 ? "" : "s"}, ${options.duration} s… `);
      const run = await appendFor(db, writers, options.duration, REGION, counter, options.perTx);
      const after = await maxSeq(db);
      await integrator.drained();
      const runs = integrator.runs.slice(firstRun);
      const withWork = runs.filter((r) => r.integrated > 0);
      const latency = await integrationLatency(db, before, after);
      const row: AppendRow = {
        database: kind,
        writers,
        seconds: run.seconds,
        appends: run.appends,
        appendsPerSecond: run.appends / run.seconds,
        failed: run.failed,
        errors: run.errors,
        latencyMs: latency,
        integrator: {
          runs: runs.length,
          runsWithWork: withWork.length,
          meanBatch: withWork.reduce((a, r) => a + r.integrated, 0) / Math.max(1, withWork.length),
          txMs: summary(withWork.map((r) => r.ms)),
          failures: integrator.failures.length - failuresBefore,
        },
        cpuMsPerAppend: run.cpuMs / Math.max(1, run.appends),
        load1m: { atStart: loadStart, atEnd: load1m() },
      };
      console.log(
        `${Math.round(row.appendsPerSecond).toLocaleString("en")} appends/s, latency p50 ${Math.round(latency.p50)} ms, p99 ${Math.round(latency.p99)} ms`,
      );
      if (latency.integrated !== latency.entries)
        console.log(
          `  note: ${latency.entries - latency.integrated} of ${latency.entries} entries were not integrated`,
        );
      if (latency.min < -1000 || latency.max > 3_600_000)
        console.log(
          `  note: implausible latencies (min ${latency.min} ms, max ${latency.max} ms): do the database's and Node's clocks/time zones agree?`,
        );
      rows.push(row);
    }
  } finally {
    integrator.stop();
  }
  for (const failure of new Set(integrator.failures)) console.log(`  integrator failure: ${failure}`);
  return rows;
}

async function largeLog(
  kind: DatabaseKind,
  database: RegionDatabase,
  entries: number,
  options: AuditBenchOptions,
): Promise<LogRow> {
  const db = database.prisma;
  const loadStart = load1m();
  console.log(`[${kind}] large log: ${entries.toLocaleString("en")} entries`);
  const build = await buildLog(db, entries, REGION);
  console.log(
    `  integrated ${build.integrated.toLocaleString("en")} entries in ${build.integrationSeconds.toFixed(1)} s (${Math.round(build.integratedPerSecond).toLocaleString("en")}/s)`,
  );
  if (isInterrupted()) return { database: kind, build, load1m: { atStart: loadStart, atEnd: load1m() } };
  const size = build.entries;
  console.log(`  proofs: ${options.samples} of each kind at size ${size.toLocaleString("en")}…`);
  const proofs = await timeProofs(size, options.samples);
  console.log("  full verification, then plain SHA-256 over the same leaf bytes…");
  const verify = await timeVerification(db, size);
  console.log(
    `  verifyRegionLog ${verify.verifySeconds.toFixed(1)} s (${verify.verification.ok ? "ok" : "BROKEN"}), plain SHA-256 ${verify.plainSha256Seconds.toFixed(2)} s: ${Math.round(verify.ratio)}×`,
  );
  return { database: kind, build, proofs, verify, load1m: { atStart: loadStart, atEnd: load1m() } };
}

async function main(): Promise<void> {
  const options = readAuditOptions();
  const started = performance.now();
  const loadAtStart = load1m();
  console.log(`audit-log bench: ${os.cpus().length} cores, 1-minute load average ${loadAtStart.toFixed(1)} at start`);
  if (loadAtStart > os.cpus().length)
    console.log("Note: the machine is busy; figures will be lower than on an idle machine.");
  const appendRows: AppendRow[] = [];
  const logRows: LogRow[] = [];
  const databases: Record<string, unknown> = {};

  for (const kind of options.databases) {
    if (isInterrupted()) break;
    const database = await open(kind, options, databases);
    if (!database) continue;
    try {
      if (options.duration > 0) appendRows.push(...(await appendRuns(kind, database, options)));
      const entries = kind === "postgres" ? options.entries : options.embeddedEntries;
      if (entries > 0 && !isInterrupted()) logRows.push(await largeLog(kind, database, entries, options));
    } finally {
      await cleanUp();
    }
  }
  if (isInterrupted()) return;

  printAppends(appendRows, options.perTx);
  printLog(logRows);
  const totalSeconds = (performance.now() - started) / 1000;
  console.log(
    `\n1-minute load average ${loadAtStart.toFixed(1)} at start, ${load1m().toFixed(1)} at end, on ${os.cpus().length} cores; ${Math.round(totalSeconds)} s in all.`,
  );
  if (options.out && (appendRows.length > 0 || logRows.length > 0)) {
    writeJson(options.out, {
      benchmark: "audit-log",
      date: new Date().toISOString().slice(0, 10),
      commit: gitCommit(),
      machine: {
        ...machine(),
        note: "writers, integrator and (embedded) database share this machine with PostgreSQL and other work",
        loadAverage1m: { atStart: round(loadAtStart, 1), atEnd: round(load1m(), 1) },
        loadAverageAtEnd: os.loadavg().map((l) => round(l, 1)),
      },
      settings: {
        durationSeconds: options.duration,
        warmupSeconds: WARMUP_SECONDS,
        writers: options.writers,
        perTx: options.perTx,
        integratorEveryMs: 200,
        integrationBatch: 2000,
        entries: { postgres: options.entries, embedded: options.embeddedEntries },
        proofSamples: options.samples,
      },
      region: REGION,
      databases,
      appends: appendRows,
      largeLog: logRows,
      totalSeconds: round(totalSeconds, 0),
    });
  }
}

main()
  .then(() => process.exit(isInterrupted() ? 130 : 0))
  .catch(async (err) => {
    // After Ctrl+C, queries in flight fail as the database closes: that is not a bench failure.
    if (!isInterrupted())
      console.error(`\nBench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await cleanUp();
    process.exit(isInterrupted() ? 130 : 1);
  });
