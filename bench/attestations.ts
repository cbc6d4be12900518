/**
 * `npm run bench:attestations`: how long issuing a residency attestation takes for the demo
 * tenant (northwind-eu, seeded as the demo seeds it: keys, decisions, support history), on
 * PostgreSQL and on the embedded database, in process through the data layer.
 *
 *  - the first issue (opens the region's attestation key under the region KMS, creating it);
 *  - then N issues of last month and N of the last 12 months: every fact read in one
 *    transaction, the predicate checked, the statement signed, stored and audited.
 *
 * Flags: --runs=N (default 20) --databases=embedded,postgres. Prints figures; writes
 * bench/results/attestations-<date>.json. No timing assertions.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openRegionDatabase, useRegionDatabase } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import { seedWorld } from "../scripts/lib/seed-world";
import { lastCompleteMonth, type Period } from "@/modules/attestations/domain/period";
import { issueAttestation } from "@/modules/attestations/server/issue";
import { forEachDatabase } from "./lib/databases";
import { cleanUp, cleanUpOnSignal, onCleanUp } from "./lib/cleanups";
import { percentile } from "./lib/keys/stats";
import { DEFAULT_POSTGRES_URL, today, type DatabaseKind } from "./lib/options";
import { machine, writeJson } from "./lib/report";
import { gitCommit } from "./lib/setup";
import { count, flag } from "./lib/flags";

const REGION = "eu-central-1";
const TENANT = "northwind-eu";

const RUNS = count("runs", flag("runs"), 20, 1);
const DATABASES = (flag("databases") ?? "postgres,embedded").split(",") as DatabaseKind[];
const ms = (n: number) => Math.round(n * 10) / 10;

cleanUpOnSignal("removing the bench data", async () => undefined);

async function benchDatabase(kind: DatabaseKind, databaseUrl: string | undefined) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "terrane-bench-att-"));
  onCleanUp(() => rmSync(dataDir, { recursive: true, force: true }));
  await seedWorld({
    dataDir,
    regions: [{ id: REGION, url: "http://127.0.0.1:1", databaseUrl }],
    credentialsFile: path.join(dataDir, "credentials.json"),
  });
  const database = await openRegionDatabase({ databaseUrl, dataDir: path.join(dataDir, REGION) });
  onCleanUp(() => database.close());
  useRegionDatabase(database);
  const tenant = await database.prisma.tenant.findUniqueOrThrow({ where: { slug: TENANT }, select: { id: true } });
  const now = await databaseNow(database.prisma);
  const month = lastCompleteMonth(now);
  const year: Period = { from: new Date(now.getTime() - 365 * 86_400_000), to: new Date(now.getTime() - 1_000) };
  const issue = async (period: Period) => {
    const started = performance.now();
    const summary = await issueAttestation(database.prisma, {
      tenantId: tenant.id,
      tenantSlug: TENANT,
      period,
      issuer: { actor: { type: "system", name: "bench" }, type: "system", id: null },
    });
    return { ms: performance.now() - started, digest: summary.digest };
  };
  const first = await issue(month);
  const times = async (period: Period) => {
    const all: number[] = [];
    for (let i = 0; i < RUNS; i++) all.push((await issue(period)).ms);
    all.sort((a, b) => a - b);
    return { runs: RUNS, p50_ms: ms(percentile(all, 50)), p99_ms: ms(percentile(all, 99)), max_ms: ms(all.at(-1)!) };
  };
  const monthly = await times(month);
  const yearly = await times(year);
  const [size] = await database.prisma.$queryRaw<{ bytes: number }[]>`
    SELECT max(octet_length(envelope::text))::int AS bytes FROM attestations`;
  useRegionDatabase(undefined);
  return {
    first_issue_ms: ms(first.ms),
    last_month: monthly,
    last_12_months: yearly,
    envelope_bytes: size?.bytes ?? null,
  };
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
  writeJson(path.join("bench", "results", `attestations-${today()}.json`), {
    bench: "attestations",
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
