/**
 * `npm run bench:governance`: governance metrics for a large region, on PostgreSQL and on the
 * embedded database, in process through the data layer (the route handlers call exactly these):
 *
 *  - the demo region plus 1,000 tenants, each with 3 stores (one outside the home region),
 *    2 keys, 3 lineage flows, 2 alerts, support accesses on 30 days; 100,000 review items spread
 *    over the tenants and the last 90 days (when the review_items table exists);
 *  - the daily snapshot of each of the last 29 days (the first run of each day, then a second run
 *    of one day, which must write nothing);
 *  - then N reads of one tenant's last 30 days (29 days from snapshots, today live) and of the
 *    region's (every tenant summed, and each tenant's headline), and of the region's last 90 days.
 *
 * Flags: --runs=N (default 20) --tenants=N (default 1000) --reviews=N (default 100000)
 * --databases=embedded,postgres. Prints figures; writes bench/results/governance-<date>.json.
 * No timing assertions.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openRegionDatabase, useRegionDatabase } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { seedWorld } from "../scripts/lib/seed-world";
import { loadSessionActor } from "@/modules/identity/server/sign-in";
import { getRegionGovernance, getTenantGovernance } from "@/modules/governance/server/read";
import { takeDailySnapshot } from "@/modules/governance/server/snapshot";
import { addDays } from "@/modules/governance/domain/period";
import { forEachDatabase } from "./lib/databases";
import { cleanUp, cleanUpOnSignal, onCleanUp } from "./lib/cleanups";
import { percentile } from "./lib/keys/stats";
import { DEFAULT_POSTGRES_URL, today, type DatabaseKind } from "./lib/options";
import { machine, writeJson } from "./lib/report";
import { gitCommit } from "./lib/setup";
import { count, flag } from "./lib/flags";

const REGION = "eu-central-1";
const COMPLIANCE = "compliance.frankfurt@terrane-provider.example";

const RUNS = count("runs", flag("runs"), 20, 1);
const TENANTS = count("tenants", flag("tenants"), 1000, 1);
const REVIEWS = count("reviews", flag("reviews"), 100_000, 0);
const DATABASES = (flag("databases") ?? "postgres,embedded").split(",") as DatabaseKind[];
const ms = (n: number) => Math.round(n * 10) / 10;

cleanUpOnSignal("removing the bench data", async () => undefined);

/** The large region, in a few set-based statements (generate_series), so seeding is not the bench. */
async function seedLargeRegion(db: PrismaClient): Promise<{ reviews: number }> {
  const org = (await db.directoryOrganisation.findFirstOrThrow({ select: { id: true } })).id;
  await db.$executeRawUnsafe(`
    INSERT INTO directory_tenants (id, slug, organisation_id, home_region)
    SELECT 'bench-t-' || i, 'bench-' || i, '${org}', '${REGION}' FROM generate_series(1, ${TENANTS}) i`);
  await db.$executeRawUnsafe(`
    INSERT INTO tenants (id, slug, name, tier)
    SELECT 'bench-t-' || i, 'bench-' || i, 'Bench tenant ' || lpad(i::text, 4, '0'), 'managed'
      FROM generate_series(1, ${TENANTS}) i`);
  await db.$executeRawUnsafe(`
    INSERT INTO stores (id, tenant_id, name, kind, region, engine, record_count, size_bytes)
    SELECT 'bench-s-' || i || '-' || s, 'bench-t-' || i, 'store-' || s, 'relational_database',
           CASE WHEN s = 3 THEN 'us-east-1' ELSE '${REGION}' END, 'PostgreSQL',
           1000 * s + i, 100000 * s + i
      FROM generate_series(1, ${TENANTS}) i, generate_series(1, 3) s`);
  await db.$executeRawUnsafe(`
    INSERT INTO store_data_classes (store_id, data_class_id)
    SELECT 'bench-s-' || i || '-' || s, c
      FROM generate_series(1, ${TENANTS}) i, generate_series(1, 3) s,
           unnest(ARRAY['dc-customer-pii', 'dc-business-records']) c`);
  await db.$executeRawUnsafe(`
    INSERT INTO tenant_keys (id, tenant_id, alias, provider, key_ref, state, current_version, rotation_period_days,
                             last_rotated_at, next_rotation_at, state_changed_at)
    SELECT 'bench-k-' || i || '-' || k, 'bench-t-' || i, 'key-' || k, 'local', 'bench', 'enabled', 1, 90,
           now() - ((i * k) % 120) * interval '1 day', now() + interval '1 day', now()
      FROM generate_series(1, ${TENANTS}) i, generate_series(1, 2) k`);
  await db.$executeRawUnsafe(`
    INSERT INTO lineage_edges (id, tenant_id, kind, source_id, target_id, count, first_seen_at, last_seen_at,
                               crossing, outcome, data_classes)
    SELECT 'bench-e-' || i || '-' || e, 'bench-t-' || i, 'flow', 'src-' || e, 'dst-' || e, e * 3,
           now() - interval '20 days', now(), 'region',
           (ARRAY['allowed', 'violation', 'unknown_region'])[e], ARRAY['customer_pii']
      FROM generate_series(1, ${TENANTS}) i, generate_series(1, 3) e`);
  await db.$executeRawUnsafe(`
    INSERT INTO lineage_alerts (id, tenant_id, kind, subject, reason, status, raised_at, data_classes)
    SELECT 'bench-a-' || i || '-' || a, 'bench-t-' || i, 'border_violation', 'edge:bench-' || i || '-' || a,
           'bench', CASE WHEN a = 1 THEN 'open' ELSE 'resolved' END, now() - (a * 3) * interval '1 day',
           ARRAY['customer_pii']
      FROM generate_series(1, ${TENANTS}) i, generate_series(1, 2) a`);
  await db.$executeRawUnsafe(`
    INSERT INTO support_access_daily (tenant_id, day, grant_id, verdict, count)
    SELECT 'bench-t-' || i, (now() - d * interval '1 day')::date, '', CASE WHEN d % 7 = 0 THEN 'outside_grant' ELSE 'within_grant' END, d
      FROM generate_series(1, ${TENANTS}) i, generate_series(0, 29) d`);
  const [exists] = await db.$queryRaw<{ ok: boolean }[]>`SELECT to_regclass('review_items') IS NOT NULL AS ok`;
  if (!exists?.ok || REVIEWS === 0) return { reviews: 0 };
  await db.$executeRawUnsafe(`
    INSERT INTO review_items (id, kind, tenant_id, source_id, title, state, opened_at, due_at, resolved_at)
    SELECT 'bench-r-' || n, (ARRAY['sharing_decision', 'border_violation', 'attestation', 'outside_grant_access'])[1 + n % 4],
           'bench-t-' || (1 + n % ${TENANTS}), 'bench-source-' || n, 'Bench review',
           CASE WHEN n % 5 = 0 THEN 'open' ELSE 'resolved' END,
           now() - (n % 90) * interval '1 day' - interval '2 hours',
           now() - (n % 90) * interval '1 day' + interval '2 days',
           CASE WHEN n % 5 = 0 THEN NULL ELSE now() - (n % 90) * interval '1 day' - interval '2 hours' + (n % 600) * interval '1 minute' END
      FROM generate_series(1, ${REVIEWS}) n`);
  return { reviews: REVIEWS };
}

async function benchDatabase(kind: DatabaseKind, databaseUrl: string | undefined) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "terrane-bench-gov-"));
  onCleanUp(() => rmSync(dataDir, { recursive: true, force: true }));
  await seedWorld({
    dataDir,
    regions: [{ id: REGION, url: "http://127.0.0.1:1", databaseUrl }],
    credentialsFile: path.join(dataDir, "credentials.json"),
  });
  const database = await openRegionDatabase({ databaseUrl, dataDir: path.join(dataDir, REGION) });
  onCleanUp(() => database.close());
  useRegionDatabase(database);
  const db = database.prisma;
  console.log(`[${kind}] seeding ${TENANTS} tenants and ${REVIEWS} review items…`);
  const seeded = await seedLargeRegion(db);
  await db.$executeRawUnsafe("ANALYZE");

  const now = await databaseNow(db);
  const todayDay = now.toISOString().slice(0, 10);
  const snapshotMs: number[] = [];
  for (let d = 29; d >= 1; d--) {
    const run = await takeDailySnapshot({ day: addDays(todayDay, -d), db });
    snapshotMs.push(run.ms);
  }
  const again = await takeDailySnapshot({ day: addDays(todayDay, -1), db });
  if (again.written !== 0) throw new Error(`a second snapshot of a day wrote ${again.written} rows`);

  const user = await db.user.findUniqueOrThrow({ where: { email: COMPLIANCE }, select: { id: true } });
  const actor = (await loadSessionActor(user.id))!;
  const origin = { surface: "api" as const, path: "/bench" };
  const timed = async (label: string, run: () => Promise<unknown>) => {
    await run();
    const all: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await run();
      all.push(performance.now() - started);
    }
    all.sort((a, b) => a - b);
    const figures = { runs: RUNS, p50_ms: ms(percentile(all, 50)), p99_ms: ms(percentile(all, 99)) };
    console.log(`[${kind}] ${label}: p50 ${figures.p50_ms} ms, p99 ${figures.p99_ms} ms`);
    return figures;
  };
  const tenant30 = await timed("tenant, last 30 days", () => getTenantGovernance(actor, "bench-500", {}, origin));
  const region30 = await timed("region, last 30 days", () => getRegionGovernance(actor, {}));
  const region90 = await timed("region, last 90 days", () =>
    getRegionGovernance(actor, { from: addDays(todayDay, -89) }),
  );
  const regionPast = await timed("region, a past week (snapshots only)", () =>
    getRegionGovernance(actor, { from: addDays(todayDay, -8), to: addDays(todayDay, -2) }),
  );
  const sorted = [...snapshotMs].sort((a, b) => a - b);
  useRegionDatabase(undefined);
  return {
    tenants: await db.tenant.count(),
    review_items: seeded.reviews,
    snapshot: {
      days: snapshotMs.length,
      p50_ms: ms(percentile(sorted, 50)),
      max_ms: ms(sorted.at(-1)!),
      second_run_written: again.written,
    },
    tenant_last_30_days: tenant30,
    region_last_30_days: region30,
    region_last_90_days: region90,
    region_past_week: regionPast,
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
  writeJson(path.join("bench", "results", `governance-${today()}.json`), {
    bench: "governance",
    commit: gitCommit(),
    machine: machine(),
    load_average_at_start: loadAtStart,
    settings: { runs: RUNS, tenants: TENANTS, reviews: REVIEWS },
    results,
  });
  await cleanUp();
}

main().catch(async (err: unknown) => {
  console.error(err);
  await cleanUp();
  process.exit(1);
});
