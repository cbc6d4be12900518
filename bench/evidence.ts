/**
 * `npm run bench:evidence`: the evidence package of the last 12 months for a tenant whose audit
 * log holds N entries in that period (default 100,000 and 1,000,000), streamed in process
 * through the data layer as the route streams it.
 *
 *  - the tenant's entries are bulk-inserted with SQL, spread over the year, then integrated
 *    into the region's log by the production integrator (not timed here: bench:audit does);
 *  - the package is streamed to a file: seconds, MB/s, and the instance's peak RSS and heap,
 *    sampled every 50 ms while it streams (aim: flat in N);
 *  - it is unpacked and `sh verify.sh` is timed next to `sha256sum` over the same files.
 *
 * Flags: --entries=100000,1000000 --databases=postgres (or embedded). Prints figures; writes
 * bench/results/evidence-<date>.json. No timing assertions.
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openRegionDatabase, useRegionDatabase } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import { integratePending } from "@/modules/audit/server/integrator";
import { loadSessionActor } from "@/modules/identity/server/sign-in";
import { evidencePackage } from "@/modules/evidence/server/package";
import { readEntry, readZip } from "../cli/zip";
import { seedWorld } from "../scripts/lib/seed-world";
import { forEachDatabase } from "./lib/databases";
import { cleanUp, cleanUpOnSignal, onCleanUp } from "./lib/cleanups";
import { DEFAULT_POSTGRES_URL, today, type DatabaseKind } from "./lib/options";
import { machine, writeJson } from "./lib/report";
import { gitCommit } from "./lib/setup";
import { flag } from "./lib/flags";
import { fillTenantAudit } from "../tests/helpers/tenant-audit-fill";

const REGION = "eu-central-1";
const TENANT = "northwind-eu";
const ADMIN = "ana.admin@northwind.example";
const DAY = 86_400_000;

const SIZES = (flag("entries") ?? "100000,1000000").split(",").map((n) => Number(n.replaceAll("_", "")));
const DATABASES = (flag("databases") ?? "postgres").split(",") as DatabaseKind[];
const mb = (bytes: number) => Math.round((bytes / 1e6) * 10) / 10;
const s = (ms: number) => Math.round(ms / 100) / 10;

cleanUpOnSignal("removing the bench data", async () => undefined);

/** Tops the tenant's entries in the last year up to `total`, oldest first, then integrates them. */
type Prisma = Awaited<ReturnType<typeof openRegionDatabase>>["prisma"];

async function fill(prisma: Prisma, tenantId: string, total: number) {
  const [row] = await prisma.$queryRaw<
    { n: number }[]
  >`SELECT count(*)::int AS n FROM audit_entries WHERE tenant_id = ${tenantId}`;
  const missing = total - (row?.n ?? 0);
  const started = performance.now();
  const now = await databaseNow(prisma);
  for (let done = 0; done < missing; done += 100_000) {
    // Each slice of 100,000 covers its share of the year, oldest first.
    const n = Math.min(100_000, missing - done);
    const span = (359 * DAY) / missing;
    const from = new Date(now.getTime() - 361 * DAY + done * span);
    await fillTenantAudit(prisma, {
      region: REGION,
      tenantId,
      count: n,
      from,
      to: new Date(from.getTime() + n * span),
      firstNumber: done,
    });
  }
  const inserted = performance.now();
  while ((await integratePending()).integrated > 0) process.stdout.write(".");
  process.stdout.write("\n");
  // What autovacuum does after a bulk load: without statistics the planner reads the tenant's
  // whole remaining index range per page instead of the next 1,000 rows.
  await prisma.$executeRawUnsafe("ANALYZE audit_entries");
  return { inserted: missing, insert_s: s(inserted - started), integrate_s: s(performance.now() - inserted) };
}

function time(command: string, args: string[], cwd: string): { ms: number; ok: boolean } {
  const started = performance.now();
  const run = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (run.status !== 0) console.error(`${command} exited ${run.status}:\n${run.stdout}${run.stderr}`);
  return { ms, ok: run.status === 0 };
}

async function benchDatabase(kind: DatabaseKind, databaseUrl: string | undefined) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "terrane-bench-evidence-"));
  onCleanUp(() => rmSync(dataDir, { recursive: true, force: true }));
  await seedWorld({
    dataDir,
    regions: [{ id: REGION, url: "http://127.0.0.1:1", databaseUrl }],
    credentialsFile: path.join(dataDir, "credentials.json"),
  });
  const database = await openRegionDatabase({ databaseUrl, dataDir: path.join(dataDir, REGION) });
  onCleanUp(() => database.close());
  useRegionDatabase(database);
  const prisma = database.prisma;
  const tenant = await prisma.tenant.findUniqueOrThrow({ where: { slug: TENANT }, select: { id: true } });
  const bySize: Record<string, unknown> = {};
  // Smallest first: each size tops the same log up, so the 1M log holds the 100k one.
  for (const entries of [...SIZES].sort((a, b) => a - b)) {
    bySize[String(entries)] = await benchSize(prisma, tenant.id, dataDir, kind, entries);
    console.log(`[${kind}] ${entries}:`, JSON.stringify(bySize[String(entries)], null, 2));
  }
  useRegionDatabase(undefined);
  return bySize;
}

async function benchSize(prisma: Prisma, tenantId: string, dataDir: string, kind: DatabaseKind, entries: number) {
  console.log(`[${kind}] ${entries.toLocaleString("en")} entries: filling and integrating`);
  const filled = await fill(prisma, tenantId, entries);
  const user = await prisma.user.findUniqueOrThrow({ where: { email: ADMIN }, select: { id: true } });
  const admin = (await loadSessionActor(user.id))!;
  const now = await databaseNow(prisma);
  const period = {
    from: new Date(now.getTime() - 362 * DAY).toISOString(),
    to: new Date(now.getTime() - 1000).toISOString(),
  };

  if (global.gc) global.gc();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);
  const zipPath = path.join(dataDir, `package-${entries}.zip`);
  const started = performance.now();
  const download = await evidencePackage(admin, TENANT, period, { surface: "api", path: "/bench", ip: "127.0.0.1" });
  const firstByte = { ms: 0 };
  let bytes = 0;
  const file = createWriteStream(zipPath);
  const reader = download.stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    if (bytes === 0) firstByte.ms = performance.now() - started;
    bytes += r.value.byteLength;
    if (!file.write(r.value)) await new Promise<void>((resolve) => file.once("drain", () => resolve()));
  }
  await new Promise<void>((r) => file.end(r));
  const streamMs = performance.now() - started;
  clearInterval(sampler);

  const unpacked = path.join(dataDir, `package-${entries}`);
  const zip = readFileSync(zipPath);
  let unpackedBytes = 0;
  for (const entry of readZip(zip)) {
    const target = path.join(unpacked, entry.name);
    mkdirSync(path.dirname(target), { recursive: true });
    const body = await readEntry(entry);
    unpackedBytes += body.byteLength;
    writeFileSync(target, body);
  }
  const manifest = JSON.parse(readFileSync(path.join(unpacked, "manifest.json"), "utf8")) as {
    files: { path: string }[];
    populations: { name: string; rows: number }[];
  };
  const verifyMs = time("sh", ["verify.sh"], unpacked);
  const sumMs = time(
    "sha256sum",
    manifest.files.map((f) => f.path),
    unpacked,
  );
  const zipBytes = statSync(zipPath).size;
  rmSync(unpacked, { recursive: true, force: true });
  rmSync(zipPath, { force: true });
  return {
    entries_in_period: manifest.populations.find((p) => p.name === "audit_entries")?.rows ?? null,
    fill: filled,
    package_mb: mb(zipBytes),
    unpacked_mb: mb(unpackedBytes),
    first_byte_ms: Math.round(firstByte.ms),
    stream_s: s(streamMs),
    mb_per_s: Math.round((mb(bytes) / (streamMs / 1000)) * 10) / 10,
    unpacked_mb_per_s: Math.round((mb(unpackedBytes) / (streamMs / 1000)) * 10) / 10,
    rss_base_mb: mb(base.rss),
    rss_peak_mb: mb(peakRss),
    heap_base_mb: mb(base.heapUsed),
    heap_peak_mb: mb(peakHeap),
    verify_sh_s: s(verifyMs.ms),
    verify_sh_passed: verifyMs.ok,
    sha256sum_s: s(sumMs.ms),
    verify_to_sha256sum: Math.round((verifyMs.ms / sumMs.ms) * 100) / 100,
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
    },
  );
  writeJson(path.join("bench", "results", `evidence-${today()}.json`), {
    bench: "evidence",
    commit: gitCommit(),
    machine: machine(),
    load_average_at_start: loadAtStart,
    settings: { entries: SIZES },
    results,
  });
  await cleanUp();
}

main().catch(async (err: unknown) => {
  console.error(err);
  await cleanUp();
  process.exit(1);
});
