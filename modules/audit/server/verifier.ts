import "server-only";
import { openCheckpoint, terraneOrigin } from "@/modules/audit/domain/checkpoint";
import { CompactRange } from "@/modules/audit/domain/compact-range";
import { hashEquals } from "@/modules/audit/domain/hash";
import type { NoteVerifier } from "@/modules/audit/domain/note";
import { env } from "@/platform/env";
import { logger } from "@/platform/log/logger";
import { prisma } from "@/platform/db/db";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { entryLeafHash, LEAF_COLUMNS } from "@/modules/audit/server/leaf";
import { latestCheckpoint } from "@/modules/audit/server/subtree-store";
import { recordIntegrityEvent } from "@/modules/audit/server/integrity-events";
import { ownLogVerifier } from "@/modules/audit/server/log-keys";

export { latestIntegrity, type IntegritySummary } from "@/modules/audit/server/integrity";

export interface VerificationResult {
  ok: boolean;
  /** The size of the latest signed checkpoint the run checked against. */
  size: number;
  checkedAt: Date;
  /** The first entry (leaf index) whose integrity could not be established, or null. */
  brokenAt: number | null;
  reason: string | null;
  /** Checkpoints whose signature and root were checked. */
  checkpoints: number;
  durationMs: number;
}

export interface VerifyOptions {
  /** Entries read per query (default 4,096): memory stays bounded whatever the log's size. */
  pageSize?: number;
}

interface Broken {
  brokenAt: number;
  reason: string;
}

type Db = PrismaClient;

/**
 * Recomputes this region's whole Merkle tree from the stored entries and checks it against
 * what was stored and signed: indexes 0..n−1 each held by exactly one entry; each entry's leaf
 * hash equal to the stored leaf, and every stored subtree equal to the recomputed one; the
 * recomputed root at every stored checkpoint's size equal to that checkpoint's root, with the
 * checkpoint's signature valid under the region's log key; and no integrated entry, stored leaf
 * or witness cosignature beyond the latest checkpoint (truncation). Reads in pages, keeping
 * O(log n) hashes between them. Every run is recorded as a `self_verification` event.
 */
export async function verifyRegionLog(options: VerifyOptions = {}): Promise<VerificationResult> {
  const started = performance.now();
  const checkedAt = new Date();
  const db = await prisma();
  const origin = terraneOrigin(env().REGION);
  const latest = await latestCheckpoint(db);
  const size = latest?.size ?? 0;
  const walk = latest ? await recompute(db, size, origin, options.pageSize ?? 4_096) : { broken: null, checkpoints: 0 };
  const broken = walk.broken ?? (await beyondLatest(db));
  const result: VerificationResult = {
    ok: broken === null,
    size,
    checkedAt,
    brokenAt: broken?.brokenAt ?? null,
    reason: broken?.reason ?? null,
    checkpoints: walk.checkpoints,
    durationMs: Math.round(performance.now() - started),
  };
  await recordIntegrityEvent(db, {
    kind: "self_verification",
    ok: result.ok,
    subject: origin,
    treeSize: size,
    brokenAt: result.brokenAt,
    at: checkedAt,
    detail: { reason: result.reason, checkpoints: result.checkpoints, duration_ms: result.durationMs },
  });
  if (!result.ok) logger().warn({ brokenAt: result.brokenAt, reason: result.reason }, "audit log integrity broken");
  return result;
}

/** Checkpoints up to `size`, in size order, a page at a time. */
async function* checkpointsUpTo(db: Db, size: number) {
  let after = -1n;
  for (;;) {
    const page = await db.auditCheckpoint.findMany({
      where: { size: { gt: after, lte: BigInt(size) } },
      orderBy: { size: "asc" },
      take: 500,
      select: { size: true, root: true, note: true },
    });
    for (const row of page) yield { size: Number(row.size), root: Buffer.from(row.root), note: row.note };
    if (page.length < 500) return;
    after = page[page.length - 1]!.size;
  }
}

/** For leaves [start, end): the ids of every stored node completed by one of them, per level. */
function nodeRanges(start: number, end: number): { level: number; lo: number; hi: number }[] {
  const ranges = [];
  for (let level = 0; 2 ** level <= end; level++) {
    const width = 2 ** level;
    // Node (level, j) is completed by leaf (j + 1)·width − 1.
    const lo = Math.ceil((start + 1) / width) - 1;
    const hi = Math.floor(end / width) - 1;
    if (lo <= hi) ranges.push({ level, lo, hi });
  }
  return ranges;
}

async function recompute(
  db: Db,
  size: number,
  origin: string,
  pageSize: number,
): Promise<{ broken: Broken | null; checkpoints: number }> {
  const verifier = await ownLogVerifier();
  const range = CompactRange.empty();
  const checkpoints = checkpointsUpTo(db, size);
  let next = (await checkpoints.next()).value;
  let vouched = 0; // entries [0, vouched) are covered by a verified checkpoint
  let checked = 0;

  /** Called whenever the tree grows: checks the stored checkpoint of exactly this size, if any. */
  const atCheckpoint = async (): Promise<Broken | null> => {
    if (!next || next.size !== range.size) return null;
    const problem = checkpointProblem(next, range.root(), verifier, origin);
    if (problem) return { brokenAt: vouched, reason: problem };
    vouched = range.size;
    checked++;
    next = (await checkpoints.next()).value;
    return null;
  };

  const empty = await atCheckpoint();
  if (empty) return { broken: empty, checkpoints: checked };
  // Reads page k+1 while page k is hashed (on PostgreSQL the two overlap).
  const load = (start: number) => {
    const end = Math.min(size, start + pageSize);
    const page = Promise.all([
      db.auditEntry.findMany({
        where: { leafIndex: { gte: BigInt(start), lt: BigInt(end) } },
        orderBy: { leafIndex: "asc" },
        select: { ...LEAF_COLUMNS, leafIndex: true },
      }),
      db.auditTreeNode.findMany({
        where: {
          OR: nodeRanges(start, end).map((r) => ({ level: r.level, index: { gte: BigInt(r.lo), lte: BigInt(r.hi) } })),
        },
        select: { level: true, index: true, hash: true },
      }),
    ]);
    page.catch(() => {}); // awaited below; a page abandoned after a finding must not go unhandled
    return page;
  };
  let upcoming = size > 0 ? load(0) : null;
  for (let start = 0; start < size; start += pageSize) {
    const end = Math.min(size, start + pageSize);
    const [entries, nodes] = await upcoming!;
    upcoming = end < size ? load(end) : null;
    await new Promise((resolve) => setImmediate(resolve)); // let the next page's query go out first
    const stored = new Map(nodes.map((n) => [`${n.level}:${n.index}`, n.hash]));
    let at = 0;
    for (let i = start; i < end; i++) {
      const entry = entries[at];
      if (!entry || Number(entry.leafIndex) !== i) {
        const truncated =
          entries.length === at &&
          !(await db.auditEntry.findFirst({ where: { leafIndex: { gt: BigInt(i) } }, select: { seq: true } }));
        return {
          broken: {
            brokenAt: i,
            reason: truncated
              ? `entries from ${i} on are missing: the log was truncated (the signed tree has ${size} entries, ${i} are stored)`
              : `entry ${i} is missing`,
          },
          checkpoints: checked,
        };
      }
      if (entries[at + 1] && Number(entries[at + 1]!.leafIndex) === i) {
        return { broken: { brokenAt: i, reason: `two entries claim index ${i}` }, checkpoints: checked };
      }
      at++;
      let bad: Broken | null = null;
      range.append(entryLeafHash(entry), (level, index, hash) => {
        if (bad) return;
        const kept = stored.get(`${level}:${index}`);
        const first = index * 2 ** level;
        if (level === 0) {
          if (!kept) bad = { brokenAt: i, reason: `the stored leaf of entry ${i} is missing` };
          else if (!hashEquals(kept, hash))
            bad = {
              brokenAt: i,
              reason: `entry ${i} does not match its stored leaf hash: it was changed, moved or replaced`,
            };
        } else if (!kept || !hashEquals(kept, hash)) {
          const span = `entries ${first}..${first + 2 ** level - 1}`;
          bad = {
            brokenAt: first,
            reason: `stored tree node (level ${level}, index ${index}) over ${span} ${kept ? "does not match them" : "is missing"}`,
          };
        }
      });
      if (bad) return { broken: bad, checkpoints: checked };
      if (next?.size === range.size) {
        const broken = await atCheckpoint();
        if (broken) return { broken, checkpoints: checked };
      }
    }
  }
  return { broken: null, checkpoints: checked };
}

function checkpointProblem(
  cp: { size: number; root: Buffer; note: string },
  recomputed: Buffer,
  verifier: NoteVerifier,
  origin: string,
): string | null {
  let signed: ReturnType<typeof openCheckpoint>["checkpoint"];
  try {
    signed = openCheckpoint(cp.note, [verifier], { origin }).checkpoint;
  } catch (err) {
    return `the checkpoint at size ${cp.size} is not validly signed by the region's log key (${err instanceof Error ? err.message : String(err)})`;
  }
  if (signed.size !== cp.size || !hashEquals(signed.root, cp.root)) {
    return `the checkpoint stored at size ${cp.size} does not say what its signed note says`;
  }
  if (!hashEquals(cp.root, recomputed)) return `the entries do not hash to the root signed at size ${cp.size}`;
  return null;
}

/**
 * In one snapshot (a single statement): is anything integrated, stored or cosigned beyond the
 * latest checkpoint? The integrator assigns indexes and signs in one transaction, so in a
 * consistent snapshot nothing is; a witness holding a larger size means checkpoints were removed.
 */
async function beyondLatest(db: Db): Promise<Broken | null> {
  const [row] = await db.$queryRaw<
    {
      latest: bigint | null;
      entry_max: bigint | null;
      entry_min: bigint | null;
      leaf_max: bigint | null;
      cosigned: bigint | null;
    }[]
  >`
    SELECT (SELECT max("size") FROM "audit_checkpoints") AS latest,
           (SELECT max("leaf_index") FROM "audit_entries") AS entry_max,
           (SELECT min("leaf_index") FROM "audit_entries") AS entry_min,
           (SELECT max("index") FROM "audit_tree_nodes" WHERE "level" = 0) AS leaf_max,
           (SELECT max("size") FROM "audit_cosignatures") AS cosigned`;
  const latest = Number(row?.latest ?? 0);
  if (row?.entry_min != null && row.entry_min < 0n)
    return { brokenAt: 0, reason: `an entry claims the impossible index ${row.entry_min}` };
  if (row?.entry_max != null && Number(row.entry_max) >= latest) {
    return {
      brokenAt: latest,
      reason: `entries up to index ${row.entry_max} are marked integrated, but the latest signed checkpoint covers only ${latest}`,
    };
  }
  if (row?.leaf_max != null && Number(row.leaf_max) >= latest) {
    return {
      brokenAt: latest,
      reason: `leaves up to index ${row.leaf_max} are stored, but the latest signed checkpoint covers only ${latest}`,
    };
  }
  if (row?.cosigned != null && Number(row.cosigned) > latest) {
    return {
      brokenAt: latest,
      reason: `witnesses cosigned a tree of ${row.cosigned} entries, but the latest stored checkpoint has ${latest}: the log was truncated`,
    };
  }
  return null;
}
