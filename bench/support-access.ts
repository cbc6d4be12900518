/**
 * `npm run bench:support`: the support-access hot paths on a built eu-central-1 instance, on
 * PostgreSQL and on the embedded database.
 *
 *  1. `POST /api/v1/support-access/authorize` (the access broker's online check of a grant token)
 *     at 50 concurrent callers, next to the same instance's `GET /api/health` (the ratio says
 *     what the check costs over the cheapest route of the same server).
 *  2. Access-event ingest: batches of 500 events, one after another; events per second.
 *  3. Time from a key disable to `authorize` refusing, over N runs (default 100): a grant is made,
 *     a caller asks `authorize` in a loop, the tenant's key is disabled; measured from the moment
 *     the disable request was sent to the first refusal, and whether the first call after the
 *     disable returned was already refused (the grant ends in the disable's own transaction).
 *
 * Flags: --duration=S --warmup=S --connections=N --runs=N --batches=N --databases=embedded,postgres.
 * Prints figures; writes bench/results/support-access-<date>.json. No assertions beyond
 * "the sample answers are what they must be" (a bench of errors measures nothing).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startInstance } from "../scripts/lib/instance";
import { seedWorld } from "../scripts/lib/seed-world";
import { measure, stopLoad, type Figures, type Target } from "./lib/load";
import { DEFAULT_POSTGRES_URL, today, type DatabaseKind } from "./lib/options";
import { machine, writeJson } from "./lib/report";
import { ensureBuilt, gitCommit, registryFor, seededRegionSecrets } from "./lib/setup";
import { forEachDatabase } from "./lib/databases";
import { cleanUp, cleanUpOnSignal, onCleanUp } from "./lib/cleanups";
import { percentile } from "./lib/keys/stats";

const REGION = "eu-central-1";
const TENANT = "northwind-eu";

function flag(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}
const DURATION = Number(flag("duration", "10"));
const WARMUP = Number(flag("warmup", "3"));
const CONNECTIONS = Number(flag("connections", "50"));
const RUNS = Number(flag("runs", "100"));
const BATCHES = Number(flag("batches", "20"));
const DATABASES = flag("databases", "postgres,embedded").split(",") as DatabaseKind[];
const round = (n: number) => Math.round(n * 100) / 100;

cleanUpOnSignal("stopping the load, the instance and removing the bench data", stopLoad);

interface Client {
  call<T>(method: string, p: string, token: string, body?: unknown): Promise<{ status: number; body: T }>;
}

function client(base: string): Client {
  return {
    async call(method, p, token, body) {
      const r = await fetch(`${base}${p}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await r.text();
      return { status: r.status, body: (text ? JSON.parse(text) : null) as never };
    },
  };
}

const SA = `/api/v1/tenants/${TENANT}/support-access`;

/** A fresh grant (M = 1) and its token, through the API as people would. */
async function grant(api: Client, engineer: string, admin: string): Promise<{ grantId: string; token: string }> {
  const created = await api.call<{ id: string }>("POST", `${SA}/requests`, engineer, {
    scope: { stores: [], data_classes: ["business_records"], access: "read" },
    reason: "customer_initiated_support",
    detail: "bench",
    ticket: "BENCH-1",
    duration_minutes: 60,
  });
  if (created.status !== 201) throw new Error(`request answered ${created.status}: ${JSON.stringify(created.body)}`);
  const approved = await api.call<{ grant: { id: string } | null }>(
    "POST",
    `${SA}/requests/${created.body.id}/approve`,
    admin,
    {},
  );
  if (approved.status !== 200 || !approved.body.grant) throw new Error(`approve answered ${approved.status}`);
  const token = await api.call<{ token: string }>("POST", `${SA}/grants/${approved.body.grant.id}/token`, engineer);
  if (token.status !== 200) throw new Error(`token answered ${token.status}`);
  return { grantId: approved.body.grant.id, token: token.body.token };
}

async function benchDatabase(kind: DatabaseKind, databaseUrl: string | undefined) {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "terrane-bench-support-"));
  onCleanUp(() => rmSync(workDir, { recursive: true, force: true }));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  console.log(`[${kind}] migrating and seeding ${REGION}…`);
  const credentials = await seedWorld({
    dataDir: workDir,
    regions: [{ id: REGION, url: `http://localhost:${port}`, databaseUrl }],
    credentialsFile: path.join(workDir, "credentials.json"),
  });
  const tokenOf = (role: string, tenant: string | null) =>
    credentials.tokens.find((t) => t.role === role && t.tenant === tenant && t.region === REGION)?.token ?? "";
  const engineer = tokenOf("support_engineer", null);
  const admin = credentials.tokens.find((t) => t.email === "ana.admin@northwind.example" && t.region === REGION)!.token;
  const ingest = credentials.ingest_tokens[REGION]!;

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
  const api = client(base);
  const policy = await api.call("PUT", `${SA}/policy`, admin, {
    approvals_required: 1,
    request_lifetime_hours: 12,
    max_grant_hours: 8,
    denied_reasons: [],
    allow_read_write: true,
  });
  if (policy.status !== 200) throw new Error(`policy answered ${policy.status}`);

  // 1. authorize at 50 callers, next to health.
  const { token } = await grant(api, engineer, admin);
  const body = JSON.stringify({
    token,
    principal: "support.frankfurt@terrane-provider.example",
    data_class: "business_records",
    operation: "read",
  });
  const sample = await api.call<{ allow: boolean }>(
    "POST",
    "/api/v1/support-access/authorize",
    ingest,
    JSON.parse(body),
  );
  if (sample.status !== 200 || !sample.body.allow)
    throw new Error(`authorize sample answered ${sample.status} ${JSON.stringify(sample.body)}`);
  const targets: Target[] = [
    { name: "health", path: "/api/health", headers: {} },
    {
      name: "authorize",
      path: "/api/v1/support-access/authorize",
      method: "POST",
      body,
      headers: { authorization: `Bearer ${ingest}`, "content-type": "application/json" },
    },
  ];
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

  // 2. ingest in batches of 500.
  const event = (i: number) => ({
    id: `bench-${randomUUID()}`,
    time: new Date(Date.now() - i).toISOString(),
    tenant: TENANT,
    principal: "support.frankfurt@terrane-provider.example",
    job_title: "Senior Support Engineer",
    employer: "Terrane Cloud GmbH",
    office_country: "DE",
    location_country: "DE",
    data_class: "business_records",
    operation: "read",
    method: "sql_console",
    reason: "customer_initiated_support",
  });
  const batchMs: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const batch = Array.from({ length: 500 }, (_, i) => event(i));
    const started = performance.now();
    const r = await api.call<{ stored: number }>("POST", "/api/v1/ingest/access-events", ingest, batch);
    batchMs.push(performance.now() - started);
    if (r.status !== 200 || r.body.stored !== 500)
      throw new Error(`ingest answered ${r.status} ${JSON.stringify(r.body)}`);
  }
  const ingestFigures = {
    batches: BATCHES,
    batch_size: 500,
    events_per_second: round((BATCHES * 500) / (batchMs.reduce((a, b) => a + b, 0) / 1000)),
    batch_ms: { p50: round(percentile(batchMs, 50)), p99: round(percentile(batchMs, 99)) },
  };

  // 3. key disable → authorize refusing.
  const keys = await api.call<{ keys: { id: string }[] }>("GET", `/api/v1/tenants/${TENANT}/keys`, admin);
  const keyId = keys.body.keys[0]!.id;
  const toRefusal: number[] = [];
  let allowedAfterReturn = 0;
  for (let run = 0; run < RUNS; run++) {
    const g = await grant(api, engineer, admin);
    const ask = JSON.parse(body) as Record<string, unknown>;
    ask.token = g.token;
    let refusedAt: number | null = null;
    let stop = false;
    const sent = performance.now();
    const poller = (async () => {
      while (!stop) {
        const r = await api.call<{ allow: boolean }>("POST", "/api/v1/support-access/authorize", ingest, ask);
        if (!r.body.allow) {
          refusedAt = performance.now();
          return;
        }
      }
    })();
    const disabled = await api.call("POST", `/api/v1/tenants/${TENANT}/keys/${keyId}/disable`, admin, {
      confirm: TENANT,
    });
    if (disabled.status !== 200)
      throw new Error(`disable answered ${disabled.status} ${JSON.stringify(disabled.body)}`);
    const after = await api.call<{ allow: boolean }>("POST", "/api/v1/support-access/authorize", ingest, ask);
    if (after.body.allow) allowedAfterReturn++;
    await poller;
    stop = true;
    toRefusal.push((refusedAt ?? performance.now()) - sent);
    const enabled = await api.call("POST", `/api/v1/tenants/${TENANT}/keys/${keyId}/enable`, admin, {});
    if (enabled.status !== 200) throw new Error(`enable answered ${enabled.status}`);
  }
  const revocation = {
    runs: RUNS,
    ms_from_disable_sent_to_refusal: {
      p50: round(percentile(toRefusal, 50)),
      p99: round(percentile(toRefusal, 99)),
      max: round(Math.max(...toRefusal)),
    },
    allowed_after_disable_returned: allowedAfterReturn,
  };
  await cleanUp();
  return { load, ratio_rps: round(load.authorize!.rps / load.health!.rps), ingest: ingestFigures, revocation };
}

async function main(): Promise<void> {
  ensureBuilt();
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
  writeJson(path.join("bench", "results", `support-access-${today()}.json`), {
    bench: "support-access",
    commit: gitCommit(),
    machine: machine(),
    load_average_at_start: loadAtStart,
    settings: { duration: DURATION, warmup: WARMUP, connections: CONNECTIONS, runs: RUNS, batches: BATCHES },
    results,
  });
}

main().catch(async (err: unknown) => {
  console.error(err);
  await cleanUp();
  process.exit(1);
});
