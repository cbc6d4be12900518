/**
 * `npm run bench`: load on the tenant overview of a seeded eu-central-1 region, on the
 * embedded database and on PostgreSQL. Two targets per database:
 *   api   GET /api/v1/tenants/northwind-eu   with a customer_viewer API token
 *   page  GET /t/northwind-eu                with a customer_viewer session cookie
 * Each target gets a warm-up, then a measured run; the figures are printed as a table and
 * written as JSON. Settings: `npm run bench -- --help`. No timing assertions: the run fails
 * only when the app answers something other than 200 (a bench of errors measures nothing).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startInstance, type Instance } from "../scripts/lib/instance";
import { seedWorld } from "../scripts/lib/seed-world";
import { measure, stopLoad, type Target } from "./lib/load";
import { readOptions, today, type DatabaseKind, type TargetName } from "./lib/options";
import { signIn } from "./lib/session";
import { machine, printTable, writeJson, type Row } from "./lib/report";
import { ensureBuilt, gitCommit, registryFor, seededRegionSecrets } from "./lib/setup";
import { forEachDatabase } from "./lib/databases";
import { cleanUp, cleanUpOnSignal, onCleanUp } from "./lib/cleanups";

const REGION = "eu-central-1";
const TENANT = "northwind-eu";
const ROLE = "customer_viewer";

const round1 = (n: number) => Math.round(n * 10) / 10;

cleanUpOnSignal("stopping the load, the instance and removing the bench data", stopLoad);

/** One request of the target must be a real 200 with the tenant in it before any load. */
async function verify(base: string, target: Target, expect: (body: string) => boolean): Promise<void> {
  const response = await fetch(`${base}${target.path}`, { headers: target.headers, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200 || !expect(body)) {
    throw new Error(
      `Sample ${target.name} request GET ${target.path} answered ${response.status}` +
        `${response.headers.get("location") ? ` → ${response.headers.get("location")}` : ""}, not a 200 with the tenant overview:\n` +
        body.slice(0, 400),
    );
  }
}

async function benchDatabase(
  kind: DatabaseKind,
  databaseUrl: string | undefined,
  options: ReturnType<typeof readOptions>,
): Promise<Row[]> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "terrane-bench-"));
  onCleanUp(() => rmSync(workDir, { recursive: true, force: true }));
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const base = `http://127.0.0.1:${port}`;

  console.log(`[${kind}] migrating and seeding ${REGION}…`);
  const credentials = await seedWorld({
    dataDir: workDir,
    regions: [{ id: REGION, url, databaseUrl }],
    credentialsFile: path.join(workDir, "credentials.json"),
  });
  const token = credentials.tokens.find((t) => t.role === ROLE && t.tenant === TENANT && t.region === REGION);
  const user = credentials.users.find((u) => u.role === ROLE && u.tenant === TENANT && u.region === REGION);
  if (!token || !user) throw new Error(`The seed has no ${ROLE} of ${TENANT} in ${REGION}`);

  console.log(`[${kind}] starting the ${REGION} instance on port ${port}…`);
  const instance: Instance = await startInstance({
    region: REGION,
    port,
    dataDir: workDir,
    databaseUrl,
    regionsJson: registryFor(REGION, url),
    quiet: true,
    extraEnv: {
      ...seededRegionSecrets(workDir, REGION),
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      LOG_LEVEL: "warn",
    },
  });
  // A crashed instance (killed by a signal) has no exit code; stopping it again would wait forever.
  let died: string | null = null;
  instance.process.once("exit", (code, signal) => {
    died = signal ? `killed by ${signal}` : `exit code ${code}`;
  });
  onCleanUp(() => (died ? undefined : instance.stop()));

  const health = (await (await fetch(`${base}/api/health`)).json()) as { database?: string };
  if (health.database !== kind)
    throw new Error(`The instance reports database "${health.database}", expected "${kind}"`);

  const cookie = await signIn(base, REGION, user.email, user.password);
  const all: { target: Target; expect: (body: string) => boolean }[] = [
    {
      target: {
        name: "api",
        path: `/api/v1/tenants/${TENANT}`,
        headers: { authorization: `Bearer ${token.token}`, accept: "application/json" },
      },
      expect: (body) => (JSON.parse(body) as { tenant?: { slug?: string } }).tenant?.slug === TENANT,
    },
    {
      target: { name: "page", path: `/t/${TENANT}`, headers: { cookie, accept: "text/html" } },
      expect: (body) => body.includes("Data by region") && body.includes("Northwind Logistics EU"),
    },
  ];

  const targets = all.filter((t) => options.targets.includes(t.target.name as TargetName));
  const rows: Row[] = [];
  for (const { target, expect } of targets) {
    await verify(base, target, expect);
    console.log(
      `[${kind}] ${target.name}: GET ${target.path} — ${options.warmup}s warm-up, ${options.duration}s measured, ${options.connections} connections`,
    );
    const figures = await measure(base, target, { ...options, serverPid: instance.process.pid });
    if (died)
      throw new Error(
        `The ${REGION} instance stopped during the ${target.name} run (${died}); its figures are discarded`,
      );
    rows.push({ database: kind, target: target.name, path: target.path, figures });
  }
  await cleanUp();
  return rows;
}

async function main(): Promise<void> {
  const options = readOptions();
  ensureBuilt();
  const loadAtStart = os.loadavg()[0] ?? 0;
  if (loadAtStart > os.cpus().length) {
    console.log(
      `Note: the machine is busy (1-minute load ${loadAtStart.toFixed(1)} on ${os.cpus().length} cores); figures will be lower than on an idle machine.`,
    );
  }
  const rows: Row[] = [];
  const databases: Record<string, unknown> = {};
  const { skipped, failed } = await forEachDatabase(options, async (kind, databaseUrl, fresh) => {
    databases[kind] = fresh
      ? { server: `PostgreSQL ${fresh.version}`, database: "fresh, dropped afterwards" }
      : { server: "PGlite over a Unix socket (pglite-socket)", database: "fresh, in a temporary directory" };
    rows.push(...(await benchDatabase(kind, databaseUrl, options)));
  });

  printTable(rows, skipped);
  const unhealthy = rows.filter((r) => r.figures.errors > 0 || r.figures.non2xx > 0);
  if (options.out && rows.length > 0) {
    writeJson(options.out, {
      benchmark: "overview-load",
      date: today(),
      commit: gitCommit(),
      machine: { ...machine(), loadAverage1m: { atStart: round1(loadAtStart), atEnd: round1(os.loadavg()[0] ?? 0) } },
      settings: {
        connections: options.connections,
        durationSeconds: options.duration,
        warmupSeconds: options.warmup,
        targets: options.targets,
      },
      region: REGION,
      tenant: TENANT,
      role: ROLE,
      databases,
      results: rows,
      skipped,
    });
  }
  if (unhealthy.length > 0) {
    console.error(
      `Some requests failed under load: ${unhealthy.map((r) => `${r.database}/${r.target}`).join(", ")} (see errors and non-2xx).`,
    );
  }
  process.exit(failed || unhealthy.length > 0 ? 1 : 0);
}

main().catch(async (err) => {
  console.error(`\nBench failed: ${err instanceof Error ? err.message : String(err)}`);
  await cleanUp();
  process.exit(1);
});
