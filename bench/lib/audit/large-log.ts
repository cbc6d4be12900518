/**
 * The large-log half of the audit-log bench: build a log of n entries (SQL bulk insert, then
 * the integrator), time proofs from it as the public API serves them, and time the full
 * verification next to plain SHA-256 over the same leaf bytes.
 */
import { createHash, randomInt } from "node:crypto";
import { CompactRange } from "@/modules/audit/domain/compact-range";
import { leafHash } from "@/modules/audit/domain/hash";
import { integratePending } from "@/modules/audit/server/integrator";
import { entryLeafBytes, LEAF_COLUMNS } from "@/modules/audit/server/leaf";
import { consistencyProofFor, inclusionProofFor, tlogProofFor } from "@/modules/audit/server/public-log";
import { verifyRegionLog, type VerificationResult } from "@/modules/audit/server/verifier";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { bulkFill } from "./workload";
import { summary, type Summary } from "./report";

const CHUNK = 50_000;

function progress(label: string, done: number, total: number, started: number): void {
  const s = (performance.now() - started) / 1000;
  process.stdout.write(
    `\r  ${label}: ${done.toLocaleString("en")} / ${total.toLocaleString("en")} (${s.toFixed(0)} s)   `,
  );
  if (done >= total) process.stdout.write("\n");
}

export interface BuildFigures {
  entries: number;
  /** Entries already in the log (from the append runs) before the bulk insert. */
  before: number;
  bulkInserted: number;
  bulkSeconds: number;
  integrated: number;
  integrationSeconds: number;
  integratedPerSecond: number;
  /** CPU of this process per integrated entry (Prisma, hashing, signing; with the embedded database, the database too). */
  integrationCpuMsPerEntry: number;
  batches: number;
  /** Milliseconds per integration batch (2,000 entries), over all batches and over the first and last tenth. */
  batchMs: Summary;
  firstTenthBatchMeanMs: number;
  lastTenthBatchMeanMs: number;
  storage: StorageFigures;
}

export interface StorageFigures {
  /** Table + indexes + TOAST, in bytes. */
  entriesBytes: number;
  treeNodesBytes: number;
  checkpointsBytes: number;
  checkpoints: number;
  /** Row versions left behind by integration's UPDATE (each entry is written twice), as the statistics see them. */
  entriesDeadRows: number | null;
}

async function storage(db: PrismaClient): Promise<StorageFigures> {
  const [row] = await db.$queryRaw<
    { entries: bigint; nodes: bigint; checkpoints: bigint; n: bigint; dead: bigint | null }[]
  >`
    SELECT pg_total_relation_size('audit_entries') AS entries,
           pg_total_relation_size('audit_tree_nodes') AS nodes,
           pg_total_relation_size('audit_checkpoints') AS checkpoints,
           (SELECT count(*) FROM "audit_checkpoints") AS n,
           (SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'audit_entries') AS dead`;
  return {
    entriesBytes: Number(row?.entries ?? 0),
    treeNodesBytes: Number(row?.nodes ?? 0),
    checkpointsBytes: Number(row?.checkpoints ?? 0),
    checkpoints: Number(row?.n ?? 0),
    entriesDeadRows: row?.dead == null ? null : Number(row.dead),
  };
}

/**
 * Tops the log up to `total` entries with `bulkFill`, then integrates everything pending as
 * `integrateAll()` does (integratePending() with its default batch until nothing is left),
 * timing each batch to show whether batches slow down as the log grows.
 */
export async function buildLog(db: PrismaClient, total: number, region: string): Promise<BuildFigures> {
  const before = await db.auditEntry.count();
  const toAdd = Math.max(0, total - before);
  const bulkStarted = performance.now();
  for (let done = 0; done < toAdd; done += CHUNK) {
    const n = Math.min(CHUNK, toAdd - done);
    await bulkFill(db, done + 1, done + n, toAdd, region);
    progress("bulk insert", done + n, toAdd, bulkStarted);
  }
  const bulkSeconds = (performance.now() - bulkStarted) / 1000;

  const pending = await db.auditEntry.count({ where: { leafIndex: null } });
  const batches: number[] = [];
  let integrated = 0;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  for (;;) {
    const t0 = performance.now();
    const result = await integratePending();
    if (result.integrated === 0) break;
    batches.push(performance.now() - t0);
    integrated += result.integrated;
    if (batches.length % 25 === 0 || integrated >= pending) progress("integrate", integrated, pending, started);
  }
  const integrationSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const tenth = Math.max(1, Math.floor(batches.length / 10));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    entries: before + toAdd,
    before,
    bulkInserted: toAdd,
    bulkSeconds,
    integrated,
    integrationSeconds,
    integratedPerSecond: integrated / Math.max(integrationSeconds, 1e-9),
    integrationCpuMsPerEntry: (cpu.user + cpu.system) / 1000 / Math.max(1, integrated),
    batches: batches.length,
    batchMs: summary(batches),
    firstTenthBatchMeanMs: mean(batches.slice(0, tenth)),
    lastTenthBatchMeanMs: mean(batches.slice(-tenth)),
    storage: await storage(db),
  };
}

export interface ProofFigures {
  size: number;
  samples: number;
  inclusionMs: Summary;
  consistencyMs: Summary;
  tlogProofMs: Summary;
}

async function timeEach(samples: number, f: () => Promise<unknown>): Promise<Summary> {
  for (let i = 0; i < Math.min(20, samples); i++) await f(); // warm-up, not counted
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  return summary(times);
}

/**
 * One request at a time, as the API routes call them: an inclusion proof for a random leaf
 * against the latest checkpoint (with the note and its cosignatures), a consistency proof from
 * a random earlier size to the latest, and the same inclusion proof as a C2SP tlog-proof file.
 */
export async function timeProofs(size: number, samples: number): Promise<ProofFigures> {
  const inclusionMs = await timeEach(samples, () => inclusionProofFor(randomInt(size)));
  const consistencyMs = await timeEach(samples, () => consistencyProofFor(1 + randomInt(size - 1), size));
  const tlogProofMs = await timeEach(samples, () => tlogProofFor(randomInt(size)));
  return { size, samples, inclusionMs, consistencyMs, tlogProofMs };
}

export interface VerifyFigures {
  size: number;
  verification: Pick<VerificationResult, "ok" | "brokenAt" | "reason" | "checkpoints">;
  verifySeconds: number;
  leafBytes: number;
  meanLeafBytes: number;
  /** Reading every entry back (pages of 4,096 by leaf index, as the verifier does) and making its leaf bytes. */
  readSeconds: number;
  canonicalSeconds: number;
  /** Plain SHA-256 over all leaf bytes concatenated, one pass (best of 3). */
  plainSha256Seconds: number;
  /** The verifier's hashing alone, in memory: leaf hash of every entry and the RFC 9162 tree over them. */
  inMemoryTreeSeconds: number;
  ratio: number;
}

/**
 * verifyRegionLog() on the whole log; then the leaf bytes of every entry, computed once, and
 * plain SHA-256 over them in one pass on the same machine. The ratio of the two is the cost
 * of verification over the cost of just reading the bytes through a hash.
 */
export async function timeVerification(db: PrismaClient, size: number): Promise<VerifyFigures> {
  const t0 = performance.now();
  const result = await verifyRegionLog();
  const verifySeconds = (performance.now() - t0) / 1000;

  const PAGE = 4096;
  const leaves: Buffer[] = [];
  let readMs = 0;
  let canonicalMs = 0;
  for (let start = 0; start < size; start += PAGE) {
    const r0 = performance.now();
    const rows = await db.auditEntry.findMany({
      where: { leafIndex: { gte: BigInt(start), lt: BigInt(Math.min(size, start + PAGE)) } },
      orderBy: { leafIndex: "asc" },
      select: LEAF_COLUMNS,
    });
    const c0 = performance.now();
    for (const row of rows) leaves.push(entryLeafBytes(row));
    canonicalMs += performance.now() - c0;
    readMs += c0 - r0;
  }
  const all = Buffer.concat(leaves);
  let plainMs = Infinity;
  for (let i = 0; i < 3; i++) {
    const h0 = performance.now();
    createHash("sha256").update(all).digest();
    plainMs = Math.min(plainMs, performance.now() - h0);
  }
  const m0 = performance.now();
  const range = CompactRange.empty();
  for (const leaf of leaves) range.append(leafHash(leaf));
  range.root();
  const inMemoryMs = performance.now() - m0;
  return {
    size,
    verification: { ok: result.ok, brokenAt: result.brokenAt, reason: result.reason, checkpoints: result.checkpoints },
    verifySeconds,
    leafBytes: all.length,
    meanLeafBytes: all.length / Math.max(1, leaves.length),
    readSeconds: readMs / 1000,
    canonicalSeconds: canonicalMs / 1000,
    plainSha256Seconds: plainMs / 1000,
    inMemoryTreeSeconds: inMemoryMs / 1000,
    ratio: verifySeconds / (plainMs / 1000),
  };
}
