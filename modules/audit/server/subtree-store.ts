import "server-only";
import type { NodeReader } from "@/modules/audit/domain/proofs";
import type { NodeId } from "@/modules/audit/domain/tree-math";
import type { Hash } from "@/modules/audit/domain/hash";
import type { Tx } from "@/platform/db/transaction";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";

type Db = PrismaClient | Tx;

/** Stored complete-subtree hashes, read in one query per call (proofs need ≤ ~2·log2 n of them). */
export class DbNodeReader implements NodeReader {
  constructor(private readonly db: Db) {}

  async readNodes(ids: readonly NodeId[]): Promise<Hash[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.auditTreeNode.findMany({
      where: { OR: ids.map((id) => ({ level: id.level, index: BigInt(id.index) })) },
      select: { level: true, index: true, hash: true },
    });
    const byKey = new Map(rows.map((r) => [`${r.level}:${r.index}`, Buffer.from(r.hash)]));
    return ids.map((id) => {
      const hash = byKey.get(`${id.level}:${id.index}`);
      if (!hash) throw new Error(`audit tree node (${id.level}, ${id.index}) is missing`);
      return hash;
    });
  }
}

export interface LatestCheckpoint {
  size: number;
  root: Buffer;
  note: string;
  createdAt: Date;
}

export async function latestCheckpoint(db: Db): Promise<LatestCheckpoint | null> {
  const row = await db.auditCheckpoint.findFirst({ orderBy: { size: "desc" } });
  return row ? { size: Number(row.size), root: Buffer.from(row.root), note: row.note, createdAt: row.createdAt } : null;
}
