import "server-only";
import { signCheckpoint, terraneOrigin } from "@/modules/audit/domain/checkpoint";
import { CompactRange } from "@/modules/audit/domain/compact-range";
import { EMPTY_ROOT } from "@/modules/audit/domain/hash";
import { frontierNodes } from "@/modules/audit/domain/tree-math";
import { env } from "@/platform/env";
import { toBytes } from "@/platform/db/bytes";
import { entryLeafHash, LEAF_COLUMNS } from "@/modules/audit/server/leaf";
import { DbNodeReader, latestCheckpoint } from "@/modules/audit/server/subtree-store";
import { prisma } from "@/platform/db/db";
import { regionKey } from "@/modules/audit/server/signing-keys";

// Only one integrator of the region runs at a time, whichever replica gets the lock.
const INTEGRATION_LOCK = 72_707_302;
export const DEFAULT_BATCH = 2_000;

export interface IntegrationResult {
  integrated: number;
  size: number;
}

/**
 * Moves committed entries into the region's Merkle tree: gives each the next leaf index,
 * stores the leaf and every subtree it completes, and signs a checkpoint of the new tree, all
 * in one transaction. Appending never rereads old leaves: the tree's right edge (≤ 53 stored
 * nodes) is all it needs.
 */
export async function integratePending(batch = DEFAULT_BATCH): Promise<IntegrationResult> {
  const db = await prisma();
  // The common case, nothing to do, costs one index lookup and no transaction.
  const [work] = await db.$queryRaw<{ pending: boolean; signed: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "audit_entries" WHERE "leaf_index" IS NULL) AS pending,
           EXISTS (SELECT 1 FROM "audit_checkpoints") AS signed`;
  if (work && !work.pending && work.signed) {
    return { integrated: 0, size: (await latestCheckpoint(db))?.size ?? 0 };
  }
  const signer = await regionKey("audit-log");
  const origin = terraneOrigin(env().REGION);
  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<
        { locked: boolean }[]
      >`SELECT pg_try_advisory_xact_lock(${INTEGRATION_LOCK}) AS locked`;
      const current = await latestCheckpoint(tx);
      const size = current?.size ?? 0;
      if (!lock?.locked) return { integrated: 0, size };
      const pending = await tx.auditEntry.findMany({
        where: { leafIndex: null },
        orderBy: { seq: "asc" },
        take: batch,
        select: LEAF_COLUMNS,
      });
      if (pending.length === 0) {
        // An empty log still signs its (empty) tree, so there is always a checkpoint to serve.
        if (!current) {
          const note = signCheckpoint(
            { origin, size: 0, root: EMPTY_ROOT, extensions: [] },
            { name: signer.name, privateKey: signer.privateKey },
          );
          await tx.auditCheckpoint.create({
            data: { size: 0n, root: toBytes(EMPTY_ROOT), note },
            select: { size: true },
          });
        }
        return { integrated: 0, size };
      }

      const reader = new DbNodeReader(tx);
      const range = CompactRange.fromFrontier({ size, hashes: await reader.readNodes(frontierNodes(size)) });
      const nodes = range.appendAll(pending.map(entryLeafHash));
      // One INSERT of three arrays: Prisma's createMany costs ~0.1 ms of client CPU per row here.
      await tx.$executeRaw`
        INSERT INTO "audit_tree_nodes" ("level", "index", "hash")
        SELECT * FROM unnest(${nodes.map((n) => n.level)}::int[], ${nodes.map((n) => String(n.index))}::bigint[],
                             ${nodes.map((n) => `\\x${n.hash.toString("hex")}`)}::bytea[])`;
      const seqs = pending.map((e) => e.seq.toString());
      const indexes = pending.map((_, i) => String(size + i));
      await tx.$executeRaw`
        UPDATE "audit_entries" AS e
           SET "leaf_index" = v.idx::bigint, "integrated_at" = statement_timestamp()
          FROM unnest(${seqs}::text[], ${indexes}::text[]) AS v(seq, idx)
         WHERE e."seq" = v.seq::bigint`;
      const root = range.root();
      const note = signCheckpoint(
        { origin, size: range.size, root, extensions: [] },
        { name: signer.name, privateKey: signer.privateKey },
      );
      await tx.auditCheckpoint.create({
        data: { size: BigInt(range.size), root: toBytes(root), note },
        select: { size: true },
      });
      return { integrated: pending.length, size: range.size };
    },
    { timeout: 60_000 },
  );
}

/** Integrates until nothing is pending (for tests, start-up and benchmarks). */
export async function integrateAll(): Promise<number> {
  for (;;) {
    const result = await integratePending();
    if (result.integrated === 0) return result.size;
  }
}
