import "server-only";
import type { Tx } from "@/platform/db/transaction";
import type { DsseSigner } from "@/modules/attestations/domain/dsse";

export type SnapshotReason = "announced" | "effective" | "rejected" | "withdrawn";

/**
 * Records the register as it now stands (after the caller's change, in its transaction), signed.
 * TODO(public-data helper): RFC 8785 form of the public register, DSSE with `signer`, a row in subprocessor_snapshots.
 */
export async function recordSnapshot(
  _tx: Tx,
  _signer: DsseSigner,
  _input: { changeId: string | null; reason: SnapshotReason },
): Promise<void> {}
