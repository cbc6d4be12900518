/**
 * `npm run bench:soak`: a seeded eu-central-1 instance under sustained load (default 100
 * connections for 60 s after a 5 s warm-up), on the embedded database and on PostgreSQL. The
 * connections are spread over a mix of authenticated API reads (customer_viewer API token) and
 * portal pages (customer_viewer session cookie), each group repeating its request. Reports requests/s, p50/p99, errors (non-2xx
 * and socket errors), restarts (the instance is supervised as in the demo: each exit is counted
 * and it is started again) and the instance's resident memory before, at peak and after.
 * The bar is zero errors and zero restarts: the run exits 1 otherwise. Settings: `-- --help`.
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startInstance } from "../scripts/lib/instance";
import { seedWorld } from "../scripts/lib/seed-world";
import { supervise } from "../scripts/lib/supervise";
import { machine, writeJson } from "./lib/report";
import { treeRssMiB } from "./lib/rss";
import { ensureBuilt, gitCommit, registryFor, seededRegionSecrets } from "./lib/setup";
import { readSoakOptions, type SoakOptions } from "./lib/soak/options";
import { soak, stopSoak, type MixRequest, type SoakFigures } from "./lib/soak/load";
import { printSoakTable, type SoakRow } from "./lib/soak/report";
import { signIn } from "./lib/session";
import { today, type DatabaseKind } from "./lib/options";
import { forEachDatabase } from "./lib/databases";
import { cleanUp, cleanUpOnSignal, onCleanUp } from "./lib/cleanups";

const REGION = "eu-central-1";
const TENANT = "northwind-eu";
const ROLE = "customer_viewer";

cleanUpOnSignal("stopping the load and the instance, removing the bench data", stopSoak);

/** Every request of the mix must answer 200 before any load: a soak of errors measures nothing. */
async function verifyMix(base: string, mix: MixRequest[]): Promise<void> {
  for (const r of mix) {
    const response = await fetch(`${base}${r.path}`, { headers: r.headers, redirect: "manual" });
    const body = await response.text();
    if (response.status !== 200)
      throw new Error(`Sample request GET ${r.path} answered ${response.status}, not 200:\n${body.slice(0, 400)}`);
  }
}

/**
 * How long the instance takes to answer once the load stops: it still works off requests the
 * load generator gave up on, so an overloaded instance answers late, a hung one never.
 */
async function recoveryMs(base: string): Promise<number | null> {
  const started = Date.now();
  try {
    const response = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(120_000) });
    await response.arrayBuffer();
    return response.ok ? Date.now() - started : null;
  } catch {
    return null;
  }
}

async function soakDatabase(
  kind: DatabaseKind,
  databaseUrl: string | undefined,
  options: SoakOptions,
): Promise<SoakRow> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "terrane-soak-"));
  onCleanUp(() => rmSync(workDir, { recursive: true, force: true }));
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const base = `http://127.0.0.1:${port}`;
  const logFile = path.join(workDir, "logs", `${REGION}.log`);

  console.log(`[${kind}] migrating and seeding ${REGION}…`);
  const credentials = await seedWorld({
    dataDir: workDir,
    regions: [{ id: REGION, url, databaseUrl }],
    credentialsFile: path.join(workDir, "credentials.json"),
  });
  const token = credentials.tokens.find((t) => t.role === ROLE && t.tenant === TENANT && t.region === REGION);
  const user = credentials.users.find((u) => u.role === ROLE && u.tenant === TENANT && u.region === REGION);
  if (!token || !user) throw new Error(`The seed has no ${ROLE} of ${TENANT} in ${REGION}`);

  const secret = randomBytes(32).toString("base64url");
  const exits: string[] = [];
  let stopping = false;
  // Every exit that is not our own stop counts as a restart: the supervisor starts it again.
  const start = async () => {
    const instance = await startInstance({
      region: REGION,
      port,
      dataDir: workDir,
      databaseUrl,
      regionsJson: registryFor(REGION, url),
      logFile,
      extraEnv: { ...seededRegionSecrets(workDir, REGION), NEXTAUTH_SECRET: secret, LOG_LEVEL: "warn" },
    });
    instance.process.once("exit", (code, signal) => {
      if (!stopping) exits.push(signal ? `killed by ${signal}` : `exit ${code}`);
    });
    return instance;
  };
  console.log(
    `[${kind}] starting the ${REGION} instance on port ${port} with node ${process.version} (log: ${logFile})…`,
  );
  const supervised = supervise(await start(), start, {
    firstMs: 1_000,
    maxMs: 5_000,
    stableMs: Number.MAX_SAFE_INTEGER,
  });
  onCleanUp(async () => {
    stopping = true;
    await supervised.stop();
  });

  const health = (await (await fetch(`${base}/api/health`)).json()) as { database?: string };
  if (health.database !== kind)
    throw new Error(`The instance reports database "${health.database}", expected "${kind}"`);
  const api = { authorization: `Bearer ${token.token}`, accept: "application/json" };
  const page = { cookie: await signIn(base, REGION, user.email, user.password), accept: "text/html" };
  const mix: MixRequest[] = [
    { kind: "api", path: `/api/v1/tenants/${TENANT}`, headers: api },
    { kind: "page", path: `/t/${TENANT}`, headers: page },
    { kind: "api", path: `/api/v1/tenants/${TENANT}/keys`, headers: api },
    { kind: "page", path: `/t/${TENANT}/keys`, headers: page },
    { kind: "api", path: `/api/v1/tenants/${TENANT}/audit`, headers: api },
    { kind: "page", path: `/t/${TENANT}/audit`, headers: page },
  ];
  await verifyMix(base, mix);

  const pid = () => supervised.current().process.pid;
  const rssBefore = treeRssMiB(pid());
  console.log(
    `[${kind}] ${mix.length} requests in the mix — ${options.warmup}s warm-up, ${options.duration}s measured, ${options.connections} connections`,
  );
  const figures: SoakFigures = await soak(base, mix, { ...options, serverPid: pid });
  const rssAfter = treeRssMiB(pid());
  const recovery = await recoveryMs(base);
  console.log(
    `[${kind}] after the load, /api/health answered ${recovery === null ? "nothing within 120 s" : `in ${recovery} ms`}`,
  );
  const row: SoakRow = {
    database: kind,
    node: process.version,
    figures,
    restarts: exits.length,
    exits,
    rssMiB: { before: rssBefore, peak: figures.peakRssMiB, after: rssAfter },
    healthAfterMs: recovery,
  };
  if (exits.length > 0) {
    console.error(
      `[${kind}] the instance stopped ${exits.length} time(s) (${exits.join(", ")}); the end of its log:\n${readFileSync(logFile, "utf8").slice(-3_000)}`,
    );
  }
  if (exits.length > 0 || figures.errors > 0 || figures.non2xx > 0) {
    // The work directory goes with the cleanup: keep the instance's log, where the reason is.
    const kept = path.join(
      options.out ? path.dirname(options.out) : os.tmpdir(),
      `soak-${today()}-${kind}-node${process.versions.node.split(".")[0]}.log`,
    );
    mkdirSync(path.dirname(kept), { recursive: true });
    copyFileSync(logFile, kept);
    console.error(`[${kind}] below the bar: the instance's log is kept at ${path.relative(process.cwd(), kept)}`);
  }
  await cleanUp();
  return row;
}

async function main(): Promise<void> {
  const options = readSoakOptions();
  ensureBuilt();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const rows: SoakRow[] = [];
  const { skipped, failed } = await forEachDatabase(options, async (kind, databaseUrl) => {
    rows.push(await soakDatabase(kind, databaseUrl, options));
  });
  printSoakTable(rows, skipped);
  if (options.out && rows.length > 0) {
    writeJson(options.out, {
      benchmark: "soak",
      date: today(),
      commit: gitCommit(),
      machine: {
        ...machine(),
        loadAverage1m: {
          atStart: Math.round(loadAtStart * 10) / 10,
          atEnd: Math.round((os.loadavg()[0] ?? 0) * 10) / 10,
        },
      },
      settings: { connections: options.connections, durationSeconds: options.duration, warmupSeconds: options.warmup },
      region: REGION,
      tenant: TENANT,
      role: ROLE,
      results: rows,
      skipped,
    });
  }
  const unhealthy = rows.filter((r) => r.figures.errors > 0 || r.figures.non2xx > 0 || r.restarts > 0);
  if (unhealthy.length > 0) {
    console.error(`Below the bar (zero errors, zero restarts): ${unhealthy.map((r) => r.database).join(", ")}.`);
  }
  process.exit(failed || unhealthy.length > 0 ? 1 : 0);
}

main().catch(async (err) => {
  console.error(`\nSoak failed: ${err instanceof Error ? err.message : String(err)}`);
  await cleanUp();
  process.exit(1);
});
