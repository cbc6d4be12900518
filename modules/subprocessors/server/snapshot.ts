import "server-only";
import { createHash } from "node:crypto";
import type { Tx } from "@/platform/db/transaction";
import { signEnvelope, type DsseSigner } from "@/modules/attestations/domain/dsse";
import { canonicalJsonBytes } from "@/modules/audit/domain/canonical-json";
import { registerCore } from "@/modules/subprocessors/server/public-register";
import { SNAPSHOT_PAYLOAD_TYPE, type SignedRegister } from "@/modules/subprocessors/api-schemas/public";

export type SnapshotReason = "announced" | "effective" | "rejected" | "withdrawn";

/** One snapshot at a time per database: each names the one before it, so they must not interleave. */
const SNAPSHOT_LOCK = 72_707_313;

/**
 * Records the register as it now stands (after the caller's change, in its transaction), signed:
 * the RFC 8785 bytes of the public register, with this snapshot's seq and the previous
 * snapshot's digest, in a DSSE envelope of type application/vnd.terrane.subprocessors+json by
 * the region's attestation key. The row commits or rolls back with the change, so what was
 * published and what is signed never disagree.
 */
export async function recordSnapshot(
  tx: Tx,
  signer: DsseSigner,
  input: { changeId: string | null; reason: SnapshotReason },
): Promise<{ seq: number; sha256: string }> {
  // Waits for a concurrent change's snapshot to commit, so this one chains to it and sees its rows.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SNAPSHOT_LOCK}::bigint)`;
  const core = await registerCore(tx);
  const previous = await tx.subprocessorSnapshot.findFirst({
    where: { region: core.region },
    orderBy: { seq: "desc" },
    select: { seq: true, sha256: true },
  });
  // The seq is in the signed bytes, so it is drawn before the row is written.
  const [{ seq } = { seq: 0 }] = await tx.$queryRaw<{ seq: number }[]>`
    SELECT nextval(pg_get_serial_sequence('subprocessor_snapshots', 'seq'))::int AS seq`;
  const document: SignedRegister = {
    ...core,
    snapshot: {
      seq,
      reason: input.reason,
      change_id: input.changeId,
      previous: previous ? { seq: previous.seq, sha256: previous.sha256 } : null,
    },
  };
  const bytes = canonicalJsonBytes(document);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const envelope = await signEnvelope(SNAPSHOT_PAYLOAD_TYPE, bytes, signer);
  await tx.subprocessorSnapshot.create({
    data: {
      seq,
      region: core.region,
      changeId: input.changeId,
      reason: input.reason,
      takenAt: new Date(core.generated_at),
      sha256,
      envelope,
    },
  });
  return { seq, sha256 };
}
