import "server-only";
import type { Tx } from "@/platform/db/transaction";
import type { Period } from "@/modules/attestations/domain/period";
import type { ResidencyPredicate } from "@/modules/attestations/domain/predicate";

export class LogNotCoveringError extends Error {
  constructor() {
    super("The region's audit log has not yet signed a checkpoint that covers the period's end.");
    this.name = "LogNotCoveringError";
  }
}

/**
 * The smallest signed checkpoint whose tree holds every audit entry written before the period's
 * end, so each of the period's entries has an inclusion proof against it. The caller integrates
 * pending entries first (`integratePending`); until that has run, this refuses rather than
 * naming a checkpoint that misses some.
 */
export async function logFacts(tx: Tx, period: Period): Promise<Pick<ResidencyPredicate, "audit_log">> {
  const [pending] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM audit_entries WHERE at < ${period.to} AND leaf_index IS NULL`;
  if ((pending?.n ?? 0) > 0) throw new LogNotCoveringError();
  const [row] = await tx.$queryRaw<{ size: bigint; root: Uint8Array; note: string }[]>`
    SELECT c.size, c.root, c.note FROM audit_checkpoints c
     WHERE c.size > COALESCE((SELECT max(leaf_index) FROM audit_entries WHERE at < ${period.to}), -1)
     ORDER BY c.size LIMIT 1`;
  if (!row) throw new LogNotCoveringError();
  return {
    audit_log: {
      origin: row.note.split("\n", 1)[0]!,
      tree_size: Number(row.size),
      root_hash: Buffer.from(row.root).toString("base64"),
      checkpoint: row.note,
    },
  };
}
