/**
 * `npm run bench:subprocessors`: the subprocessor register's public reads on a built eu-central-1
 * instance with a large register (500 subprocessors, 5,000 changes in the history, 30 announced
 * and inside their notice period, a signed snapshot), on PostgreSQL and on the embedded database:
 *
 *  - `GET /api/v1/subprocessors` (the public JSON: every entry in force and every upcoming change
 *    with its diff);
 *  - `GET /trust` (the public, server-rendered trust page), when app/ has it;
 *  - `GET /api/health` on the same instance, so the ratio says what the register costs over the
 *    cheapest route of the same server.
 *
 * 50 concurrent clients by default. Flags: --duration=S --warmup=S --connections=N
 * --databases=embedded,postgres. Prints a table; writes bench/results/subprocessors-<date>.json.
 * No timing assertions: a sample of each target must answer 200 with what it must hold.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startInstance } from "../scripts/lib/instance";
import { seedWorld } from "../scripts/lib/seed-world";
import { openRegionDatabase, useRegionDatabase } from "@/platform/db/db";
import { forgetRegionKeys } from "@/modules/audit/server/signing-keys";
import { measure, stopLoad, type Figures, type Target } from "./lib/load";
import { DEFAULT_POSTGRES_URL, today, type DatabaseKind } from "./lib/options";
import { machine, printTable, writeJson, type Row, type Skipped } from "./lib/report";
import { ensureBuilt, gitCommit, registryFor, seededRegionSecrets } from "./lib/setup";
import { forEachDatabase } from "./lib/databases";
import { cleanUp, cleanUpOnSignal, onCleanUp } from "./lib/cleanups";
import { ANNOUNCED, CHANGES, SUBPROCESSORS, seedLargeRegister } from "./lib/subprocessors-seed";
import { count, databaseList, flag, seconds } from "./lib/flags";

const REGION = "eu-central-1";

const DURATION = seconds("duration", flag("duration"), 10);
const WARMUP = seconds("warmup", flag("warmup"), 3);
const CONNECTIONS = count("connections", flag("connections"), 50, 1);
const DATABASES = databaseList(flag("databases") ?? "postgres,embedded");
const HAS_TRUST_PAGE = existsSync(path.join("app", "(public)", "trust", "page.tsx"));
const round = (n: number) => Math.round(n * 100) / 100;

cleanUpOnSignal("stopping the load, the instance and removing the bench data", stopLoad);

async function benchDatabase(kind: DatabaseKind, databaseUrl: string | undefined) {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "terrane-bench-subprocessors-"));
  onCleanUp(() => rmSync(workDir, { recursive: true, force: true }));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  console.log(`[${kind}] migrating and seeding ${REGION}, then ${SUBPROCESSORS} subprocessors and ${CHANGES} changes…`);
  await seedWorld({
    dataDir: workDir,
    regions: [{ id: REGION, url: `http://localhost:${port}`, databaseUrl }],
    credentialsFile: path.join(workDir, "credentials.json"),
  });
  {
    const database = await openRegionDatabase({ databaseUrl, dataDir: path.join(workDir, REGION) });
    useRegionDatabase(database);
    try {
      await seedLargeRegister(database.prisma, REGION);
    } finally {
      useRegionDatabase(undefined);
      forgetRegionKeys();
      await database.close();
    }
  }

  console.log(`[${kind}] starting the ${REGION} instance on port ${port}…`);
  const instance = await startInstance({
    region: REGION,
    port,
    dataDir: workDir,
    databaseUrl,
    regionsJson: registryFor(REGION, `http://localhost:${port}`),
    quiet: true,
    extraEnv: {
      ...seededRegionSecrets(workDir, REGION),
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      LOG_LEVEL: "warn",
    },
  });
  onCleanUp(() => instance.stop());

  // A bench of errors measures nothing: each target must answer what it must hold.
  const sample = await fetch(`${base}/api/v1/subprocessors`);
  const register = (await sample.json()) as { subprocessors: unknown[]; upcoming: unknown[]; snapshot: unknown };
  if (sample.status !== 200 || register.subprocessors.length < SUBPROCESSORS - 25 || register.upcoming.length < 25)
    throw new Error(
      `GET /api/v1/subprocessors answered ${sample.status} with ${register.subprocessors?.length} entries`,
    );
  const bytes = { json: Buffer.byteLength(JSON.stringify(register)) };
  const targets: Target[] = [
    { name: "health", path: "/api/health", headers: {} },
    { name: "subprocessors-json", path: "/api/v1/subprocessors", headers: {} },
  ];
  if (HAS_TRUST_PAGE) {
    const page = await fetch(`${base}/trust`);
    const html = await page.text();
    if (page.status !== 200 || !html.includes("Bench Processor 1"))
      throw new Error(`GET /trust answered ${page.status}: ${html.slice(0, 200)}`);
    Object.assign(bytes, { page: Buffer.byteLength(html) });
    targets.push({ name: "trust-page", path: "/trust", headers: {} });
  }

  const load: Record<string, Figures> = {};
  for (const target of targets) {
    console.log(`[${kind}] ${target.name}: ${WARMUP}s warm-up, ${DURATION}s measured, ${CONNECTIONS} connections`);
    load[target.name] = await measure(base, target, {
      connections: CONNECTIONS,
      duration: DURATION,
      warmup: WARMUP,
      serverPid: instance.process.pid,
    });
  }
  await cleanUp();
  const health = load.health!.rps;
  return {
    load,
    bytes,
    ratio_rps_vs_health: Object.fromEntries(
      Object.entries(load)
        .filter(([name]) => name !== "health")
        .map(([name, f]) => [name, round(f.rps / health)]),
    ),
  };
}

async function main(): Promise<void> {
  ensureBuilt();
  const loadAtStart = os.loadavg()[0] ?? 0;
  if (!HAS_TRUST_PAGE) console.log("app/(public)/trust/page.tsx is not there: measuring the JSON and health only.");
  const results: Record<string, Awaited<ReturnType<typeof benchDatabase>>> = {};
  const { skipped } = await forEachDatabase(
    {
      databases: DATABASES,
      postgresUrl: process.env.BENCH_DATABASE_URL || DEFAULT_POSTGRES_URL,
      postgresExplicit: Boolean(process.env.BENCH_DATABASE_URL),
    },
    async (kind, databaseUrl) => {
      results[kind] = await benchDatabase(kind, databaseUrl);
    },
  );
  const rows: Row[] = Object.entries(results).flatMap(([database, r]) =>
    Object.entries(r.load).map(([target, figures]) => ({ database, target, path: target, figures })),
  );
  printTable(rows, skipped as Skipped[]);
  for (const [database, r] of Object.entries(results))
    console.log(
      `${database}: req/s relative to /api/health on the same instance: ${JSON.stringify(r.ratio_rps_vs_health)}`,
    );
  writeJson(path.join("bench", "results", `subprocessors-${today()}.json`), {
    bench: "subprocessors",
    commit: gitCommit(),
    machine: machine(),
    load_average_at_start: loadAtStart,
    load_average_at_end: os.loadavg()[0] ?? 0,
    settings: {
      duration: DURATION,
      warmup: WARMUP,
      connections: CONNECTIONS,
      subprocessors: SUBPROCESSORS,
      changes: CHANGES,
      announced: ANNOUNCED,
      trust_page: HAS_TRUST_PAGE,
    },
    results,
    skipped,
  });
}

main().catch(async (err: unknown) => {
  console.error(err);
  await cleanUp();
  process.exit(1);
});
