import "server-only";
import type { PrismaClient } from "@/platform/db/transaction";
import { ConflictError } from "@/platform/errors";
import { canonicalJson } from "@/modules/audit/domain/canonical-json";
import {
  consistencyProof,
  inclusionProof,
  inclusionProofNodeIds,
  type NodeReader,
} from "@/modules/audit/domain/proofs";
import type { NodeId } from "@/modules/audit/domain/tree-math";
import { entryLeafBytes, LEAF_COLUMNS } from "@/modules/audit/server/leaf";
import { DbNodeReader } from "@/modules/audit/server/subtree-store";
import { withCosignatures } from "@/modules/audit/server/public-log";
import { PACKAGE_FILES as F } from "@/modules/evidence/domain/package-files";
import { PAGE, type PackageScope, type PopulationSource } from "@/modules/evidence/server/package-populations";

export interface SignedCheckpoint {
  size: number;
  /** The signed note with the witnesses' cosignature lines. */
  note: string;
}

async function signed(db: PrismaClient, size: bigint, note: string): Promise<SignedCheckpoint> {
  return { size: Number(size), note: await withCosignatures(db, { size: Number(size), note }) };
}

/**
 * The smallest checkpoint whose tree holds every entry written before the period ended (the one
 * the period's attestations name), and the newest one. The caller integrates pending entries
 * first; an entry of the period still outside the tree is refused rather than left out.
 */
export async function packageCheckpoints(
  db: PrismaClient,
  period: { to: Date },
): Promise<{ covering: SignedCheckpoint; newest: SignedCheckpoint }> {
  const notCovered = () =>
    new ConflictError(
      "The region's audit log has not yet signed a checkpoint that covers the period's end; try again in a moment.",
      "log_not_covering",
    );
  const [pending] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM audit_entries WHERE at < ${period.to} AND leaf_index IS NULL`;
  if ((pending?.n ?? 0) > 0) throw notCovered();
  const [covering] = await db.$queryRaw<{ size: bigint; note: string }[]>`
    SELECT c.size, c.note FROM audit_checkpoints c
     WHERE c.size > COALESCE((SELECT max(leaf_index) FROM audit_entries WHERE at < ${period.to}), -1)
     ORDER BY c.size LIMIT 1`;
  const newest = await db.auditCheckpoint.findFirst({ orderBy: { size: "desc" }, select: { size: true, note: true } });
  if (!covering || !newest) throw notCovered();
  return {
    covering: await signed(db, covering.size, covering.note),
    newest: await signed(db, newest.size, newest.note),
  };
}

function tenantEntriesQuery(scope: PackageScope, size: number) {
  return {
    tenantId: scope.tenantId,
    at: { gte: scope.period.from, lt: scope.period.to },
    leafIndex: { not: null, lt: BigInt(size) },
  };
}

export function auditEntries(scope: PackageScope, checkpointSize: number): PopulationSource {
  return {
    name: "audit_entries",
    path: F.auditEntries,
    query: `Every audit entry of the tenant written in the period, in log order; each line is the entry's leaf (RFC 8785 JSON). SELECT * FROM audit_entries WHERE tenant_id = '${scope.tenantId}' AND at >= '${scope.period.from.toISOString()}' AND at < '${scope.period.to.toISOString()}' AND leaf_index < ${checkpointSize} ORDER BY seq`,
    lines: async function* () {
      let after: bigint | undefined;
      for (;;) {
        const rows = await scope.db.auditEntry.findMany({
          where: {
            ...tenantEntriesQuery(scope, checkpointSize),
            ...(after !== undefined ? { seq: { gt: after } } : {}),
          },
          orderBy: { seq: "asc" },
          take: PAGE,
          select: LEAF_COLUMNS,
        });
        if (rows.length > 0) yield rows.map((r) => `${entryLeafBytes(r).toString("utf8")}\n`).join("");
        if (rows.length < PAGE) return;
        after = rows[rows.length - 1]!.seq;
      }
    },
  };
}

/** A node's key in a page's lookup: indexes stay far below 2^47, levels below 64. */
const nodeKey = (level: number, index: number) => index * 64 + level;

/** A NodeReader over nodes fetched for a whole page of proofs in one query. */
async function prefetchedNodes(db: PrismaClient, ids: NodeId[]): Promise<NodeReader> {
  const unique = new Map(ids.map((id) => [nodeKey(id.level, id.index), id]));
  const wanted = [...unique.values()];
  const rows = await db.$queryRaw<{ level: number; index: bigint; hash: Uint8Array }[]>`
    SELECT n.level, n.index, n.hash FROM audit_tree_nodes n
      JOIN unnest(${wanted.map((w) => w.level)}::int[], ${wanted.map((w) => String(w.index))}::bigint[]) AS w(level, index)
        ON n.level = w.level AND n.index = w.index`;
  const found = new Map(rows.map((r) => [nodeKey(r.level, Number(r.index)), r.hash]));
  return {
    readNodes: async (nodes) =>
      nodes.map(({ level, index }) => {
        const hash = found.get(nodeKey(level, index));
        if (!hash) throw new Error(`audit tree node (${level}, ${index}) is missing`);
        return hash;
      }),
  };
}

/** `{"hashes":[…],"index":N}`: canonical JSON as it stands (sorted keys, base64 needs no escaping). */
function proofLine(index: number, hashes: readonly Uint8Array[]): string {
  return `{"hashes":[${hashes.map((h) => `"${Buffer.from(h.buffer, h.byteOffset, h.byteLength).toString("base64")}"`).join(",")}],"index":${index}}\n`;
}

/** Line i: the inclusion proof of line i of audit/entries.jsonl in the covering checkpoint's tree. */
export function auditProofs(scope: PackageScope, checkpointSize: number): PopulationSource {
  return {
    name: "audit_inclusion_proofs",
    path: F.auditProofs,
    query: `One RFC 9162 inclusion proof per line of ${F.auditEntries}, in the same order, against the tree of size ${checkpointSize} (${F.checkpoint}).`,
    lines: async function* () {
      let after: bigint | undefined;
      for (;;) {
        const rows = await scope.db.auditEntry.findMany({
          where: {
            ...tenantEntriesQuery(scope, checkpointSize),
            ...(after !== undefined ? { seq: { gt: after } } : {}),
          },
          orderBy: { seq: "asc" },
          take: PAGE,
          select: { seq: true, leafIndex: true },
        });
        const indexes = rows.map((r) => Number(r.leafIndex));
        const reader = await prefetchedNodes(
          scope.db,
          indexes.flatMap((i) => inclusionProofNodeIds(i, checkpointSize)),
        );
        const lines: string[] = [];
        for (const i of indexes) lines.push(proofLine(i, await inclusionProof(reader, i, checkpointSize)));
        if (lines.length > 0) yield lines.join("");
        if (rows.length < PAGE) return;
        after = rows[rows.length - 1]!.seq;
      }
    },
  };
}

/** `{from, hashes, to}`: the covering checkpoint's tree is a prefix of the newest one's. */
export async function consistencyJson(db: PrismaClient, from: number, to: number): Promise<string> {
  const hashes = from === to ? [] : await consistencyProof(new DbNodeReader(db), from, to);
  return `${canonicalJson({ from, hashes: hashes.map((h) => h.toString("base64")), to })}\n`;
}
