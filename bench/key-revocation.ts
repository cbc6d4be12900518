/**
 * `npm run bench:keys`: how long a disable takes to reach every instance of a region, and how
 * fast a rotation rewraps data keys and re-encrypts fields.
 *
 *  1. Time to revoke, on PostgreSQL with two instances (this process and a child process on
 *     the same database, as two replicas behind a load balancer): N disables (default 120) of a
 *     tenant key; for each, from the moment the disable call returned to the moment the last
 *     instance's decrypt probe failed, and the receipt's own max_ms (disable committed → last
 *     probe failed). On the embedded database, one instance (one process per region).
 *  2. Rotation: a tenant with D data keys (default 2,000) and F encrypted records (default 5,000
 *     contacts, 3 fields each); DEKs rewrapped per second and fields re-encrypted per second,
 *     next to raw AES-256-GCM on this machine (ratio).
 *
 * Prints figures; writes bench/results/keys-<date>.json. No assertions.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { resetEnvCache } from "@/platform/env";
import { openRegionDatabase, useRegionDatabase, type RegionDatabase } from "@/platform/db/db";
import { forgetRegionKeys } from "@/modules/audit/server/signing-keys";
import { disableKey, enableKey } from "@/modules/keys/server/lifecycle";
import { startKeyServices } from "@/modules/keys/server/services";
import { heartbeat } from "@/platform/region/instances";
import { loadSessionActor } from "@/modules/identity/server/sign-in";
import { passwordsForEveryone, seedRegion } from "@/prisma/seed/seed-region";
import { seedKeys } from "@/prisma/seed/seed-keys";
import { createFreshDatabase, probe, redact } from "./lib/postgres";
import { machine, writeJson } from "./lib/report";
import { rotationBench, type RotationFigures } from "./lib/keys/rotation-bench";
import { percentile } from "./lib/keys/stats";

const REGION = "eu-central-1";
const TENANT = "kestrel-eu";
const ADMIN = "kim.admin@kestrel-health.example";
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DISABLES = arg("disables", 120);
const POSTGRES_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const cleanups: (() => Promise<unknown> | unknown)[] = [];

function becomeRegion(dataDir: string, sealingKey: string, databaseUrl?: string): void {
  process.env.REGION = REGION;
  process.env.DATA_DIR = dataDir;
  process.env.REGION_SEALING_KEY = sealingKey;
  process.env.LOG_LEVEL = "error";
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  else delete process.env.DATABASE_URL;
  resetEnvCache();
  forgetRegionKeys();
}

async function seeded(database: RegionDatabase) {
  useRegionDatabase(database);
  await seedRegion(database.prisma, REGION, passwordsForEveryone());
  await seedKeys(database.prisma);
  const user = await database.prisma.user.findUniqueOrThrow({ where: { email: ADMIN }, select: { id: true } });
  const admin = (await loadSessionActor(user.id))!;
  const tenant = await database.prisma.tenant.findUniqueOrThrow({
    where: { slug: TENANT },
    select: { id: true, keys: { select: { id: true } } },
  });
  return { admin, tenantId: tenant.id, keyId: tenant.keys[0]!.id };
}

function startSecondInstance(): Promise<{ id: string; stop(): void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "bench/lib/keys/key-instance.ts"],
      { stdio: ["pipe", "pipe", "inherit"], env: process.env },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /ready (\S+)/.exec(out);
      if (m) resolve({ id: m[1]!, stop: () => child.stdin.end() });
    });
    child.on("exit", (code) => reject(new Error(`second instance exited (${code})`)));
  });
}

interface RevokeFigures {
  instances: number;
  disables: number;
  returnedToLastFailureMs: { p50: number; p99: number; max: number };
  receiptMaxMs: { p50: number; p99: number; max: number };
  incomplete: number;
}

async function revocations(
  database: RegionDatabase,
  ctx: Awaited<ReturnType<typeof seeded>>,
  instances: number,
): Promise<RevokeFigures> {
  const db = database.prisma;
  const sinceReturn: number[] = [];
  const receiptMax: number[] = [];
  let incomplete = 0;
  const request = { surface: "api" as const, path: "/bench" };
  for (let i = 0; i < DISABLES; i++) {
    await heartbeat(db);
    const result = await disableKey(ctx.admin, TENANT, ctx.keyId, TENANT, request);
    const returned = Date.now();
    const id = result.receipt!.id;
    for (;;) {
      const r = await db.revocationReceipt.findUniqueOrThrow({
        where: { id },
        select: { status: true, maxMs: true, probes: { select: { failedAt: true } } },
      });
      if (r.status !== "pending") {
        if (r.status !== "complete") incomplete++;
        sinceReturn.push(Math.max(...r.probes.map((p) => p.failedAt.getTime())) - returned);
        receiptMax.push(r.maxMs ?? Number.NaN);
        break;
      }
      await new Promise((res) => setTimeout(res, 2));
    }
    await enableKey(ctx.admin, TENANT, ctx.keyId, request);
    if ((i + 1) % 20 === 0) console.log(`  ${i + 1}/${DISABLES} disables`);
  }
  const stats = (xs: number[]) => ({ p50: percentile(xs, 50), p99: percentile(xs, 99), max: Math.max(...xs) });
  return {
    instances,
    disables: DISABLES,
    returnedToLastFailureMs: stats(sinceReturn),
    receiptMaxMs: stats(receiptMax),
    incomplete,
  };
}

async function run(
  kind: "embedded" | "postgres",
): Promise<{ revoke: RevokeFigures; rotation: RotationFigures } | { skipped: string }> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "terrane-bench-keys-"));
  cleanups.push(() => rmSync(workDir, { recursive: true, force: true }));
  let url: string | undefined;
  if (kind === "postgres") {
    const answer = await probe(POSTGRES_URL);
    if (!answer.ok) return { skipped: `PostgreSQL at ${redact(POSTGRES_URL)} does not answer` };
    const fresh = await createFreshDatabase(POSTGRES_URL, answer.version);
    cleanups.push(() => fresh.drop());
    url = fresh.url;
  }
  becomeRegion(workDir, randomBytes(32).toString("base64"), url);
  const database = await openRegionDatabase(url ? { databaseUrl: url } : { dataDir: path.join(workDir, REGION) });
  cleanups.push(() => database.close());
  const ctx = await seeded(database);
  const stopKeys = await startKeyServices(database);
  cleanups.push(() => stopKeys());
  let instances = 1;
  if (kind === "postgres") {
    const second = await startSecondInstance();
    cleanups.push(() => second.stop());
    instances = 2;
  }
  console.log(`[${kind}] ${DISABLES} disables with ${instances} instance(s)…`);
  const revoke = await revocations(database, ctx, instances);
  console.log(`[${kind}] rotation…`);
  const rotation = await rotationBench(database, ctx.tenantId, ctx.keyId, {
    dataKeys: arg("data-keys", 2_000),
    records: arg("records", 5_000),
  });
  return { revoke, rotation };
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = {};
  for (const kind of ["postgres", "embedded"] as const) {
    try {
      results[kind] = await run(kind);
    } finally {
      while (cleanups.length)
        await Promise.resolve(cleanups.pop()!()).catch((e) => console.error(`cleanup: ${String(e)}`));
    }
    console.log(JSON.stringify(results[kind], null, 2));
  }
  const report = {
    bench: "keys",
    at: new Date().toISOString(),
    machine: machine(),
    loadAverage: os.loadavg(),
    results,
  };
  writeJson(path.join("bench/results", `keys-${new Date().toISOString().slice(0, 10)}.json`), report);
  process.exit(0);
}

main().catch(async (err) => {
  console.error(err);
  while (cleanups.length) await Promise.resolve(cleanups.pop()!()).catch(() => {});
  process.exit(1);
});
