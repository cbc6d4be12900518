/**
 * `npm run bench:drills`: how long residency drills take for the demo tenant (northwind-eu), on
 * PostgreSQL and on the embedded database, one instance, in process through the job's own code:
 *
 *  - key_revocation: the whole drill (drill key disabled, the receipt of this instance, refused
 *    decrypt, enabled, decrypts again), and its figures: time to revoke and to recover;
 *  - kms_outage: the whole drill (baseline reads, outage, every decrypt refused, the read path,
 *    restored, decrypts again), and its recovery time.
 *
 * The first run of each kind also creates the drill key (a KMS call). wrong_region needs other
 * regions' instances and is timed by tests/drills/wrong-region.test.ts's run instead.
 * Flags: --runs=N (default 10) --databases=embedded,postgres. Prints figures; writes
 * bench/results/drills-<date>.json. No timing assertions.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openRegionDatabase, useRegionDatabase } from "@/platform/db/db";
import { seedWorld } from "../scripts/lib/seed-world";
import { insertDrill } from "@/modules/drills/server/start";
import { runDrillJob } from "@/modules/drills/server/run";
import { startKeyServices } from "@/modules/keys/server/services";
import type { DrillKind } from "@/modules/drills/domain/model";
import { forEachDatabase } from "./lib/databases";
import { cleanUp, cleanUpOnSignal, onCleanUp } from "./lib/cleanups";
import { percentile } from "./lib/keys/stats";
import { DEFAULT_POSTGRES_URL, today, type DatabaseKind } from "./lib/options";
import { machine, writeJson } from "./lib/report";
import { gitCommit } from "./lib/setup";
import { count, flag } from "./lib/flags";

const REGION = "eu-central-1";
const TENANT = "northwind-eu";
const ADMIN = "ana.admin@northwind.example";

const RUNS = count("runs", flag("runs"), 10, 1);
const DATABASES = (flag("databases") ?? "postgres,embedded").split(",") as DatabaseKind[];
const ms = (n: number) => Math.round(n * 10) / 10;
const stats = (values: number[]) => {
  const all = [...values].sort((a, b) => a - b);
  return {
    runs: all.length,
    p50_ms: ms(percentile(all, 50)),
    p99_ms: ms(percentile(all, 99)),
    max_ms: ms(all.at(-1)!),
  };
};

cleanUpOnSignal("removing the bench data", async () => undefined);

async function benchDatabase(kind: DatabaseKind, databaseUrl: string | undefined) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "terrane-bench-drills-"));
  onCleanUp(() => rmSync(dataDir, { recursive: true, force: true }));
  await seedWorld({
    dataDir,
    regions: [{ id: REGION, url: "http://127.0.0.1:1", databaseUrl }],
    credentialsFile: path.join(dataDir, "credentials.json"),
  });
  const database = await openRegionDatabase({ databaseUrl, dataDir: path.join(dataDir, REGION) });
  onCleanUp(() => database.close());
  useRegionDatabase(database);
  const stopKeys = await startKeyServices(database);
  onCleanUp(stopKeys);
  const db = database.prisma;
  const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: TENANT }, select: { id: true } });
  const admin = await db.user.findUniqueOrThrow({ where: { email: ADMIN }, select: { id: true } });

  const run = async (drillKind: DrillKind) => {
    const id = await db.$transaction((tx) =>
      insertDrill(tx, {
        tenantId: tenant.id,
        kind: drillKind,
        startedById: admin.id,
        consentId: null,
        scheduleId: null,
      }),
    );
    const started = performance.now();
    await runDrillJob(id);
    const total = performance.now() - started;
    const row = await db.drill.findUniqueOrThrow({
      where: { id },
      select: { state: true, failure: true, result: true },
    });
    if (row.state !== "completed") throw new Error(`drill ${id} ${row.state}: ${row.failure}`);
    return { total, figures: (row.result as { figures: Record<string, unknown> }).figures };
  };
  const out: Record<string, unknown> = {};
  for (const drillKind of ["key_revocation", "kms_outage"] as const) {
    const first = await run(drillKind);
    const totals: number[] = [];
    const revoke: number[] = [];
    const recovery: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await run(drillKind);
      totals.push(r.total);
      if (typeof r.figures.max_ms === "number") revoke.push(r.figures.max_ms);
      if (typeof r.figures.recovery_ms === "number") recovery.push(r.figures.recovery_ms);
    }
    out[drillKind] = {
      first_run_ms: ms(first.total),
      drill: stats(totals),
      ...(revoke.length ? { time_to_revoke: stats(revoke) } : {}),
      ...(recovery.length ? { time_to_recover: stats(recovery) } : {}),
    };
  }
  await stopKeys();
  useRegionDatabase(undefined);
  return out;
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg()[0] ?? 0;
  const results: Record<string, unknown> = {};
  await forEachDatabase(
    {
      databases: DATABASES,
      postgresUrl: process.env.BENCH_DATABASE_URL || DEFAULT_POSTGRES_URL,
      postgresExplicit: Boolean(process.env.BENCH_DATABASE_URL),
    },
    async (kind, databaseUrl) => {
      results[kind] = await benchDatabase(kind, databaseUrl);
      console.log(`[${kind}]`, JSON.stringify(results[kind], null, 2));
    },
  );
  writeJson(path.join("bench", "results", `drills-${today()}.json`), {
    bench: "drills",
    commit: gitCommit(),
    machine: machine(),
    load_average_at_start: loadAtStart,
    settings: { runs: RUNS },
    results,
  });
  await cleanUp();
}

main().catch(async (err: unknown) => {
  console.error(err);
  await cleanUp();
  process.exit(1);
});
