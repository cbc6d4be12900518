import "server-only";
import { kmsProvider } from "@/platform/kms/providers";
import { appendAudit } from "@/modules/audit/server/append";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { databaseNow } from "@/platform/db/db-time";
import { enqueueJob, type EnqueueRequest } from "@/platform/jobs/enqueue";
import { dekCache, versionMaterial } from "@/modules/keys/server/material";
import { announceKeyState, keyStateChanged } from "@/modules/keys/server/state-channel";

/**
 * Crypto-shred at the end of the waiting period: every version's material destroyed in the KMS
 * (and, for the local provider, in its row), every wrapped data key wiped. Records encrypted
 * under them stay in place, unreadable for good. Does nothing if the deletion was cancelled or
 * is not yet due (the job may run late, never early).
 */
export async function destroyKeyIfDue(db: PrismaClient, keyId: string, tenantId: string, now?: Date): Promise<boolean> {
  const key = await db.tenantKey.findFirst({
    where: { id: keyId, tenantId },
    select: { id: true, tenantId: true, provider: true, keyRef: true },
  });
  if (!key) return false;
  const provider = await kmsProvider(key.provider);
  const news = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ state: string; deletion_due_at: Date | null }[]>`
      SELECT state, deletion_due_at FROM tenant_keys WHERE id = ${keyId} FOR UPDATE`;
    const at = now ?? (await databaseNow(tx));
    if (!row || row.state !== "pending_deletion" || !row.deletion_due_at || row.deletion_due_at > at) return null;
    const versions = await tx.tenantKeyVersion.findMany({ where: { keyId } });
    for (const v of versions) {
      if (v.state !== "destroyed") await provider.destroyVersion(versionMaterial(key, v));
    }
    await tx.tenantKeyVersion.updateMany({
      where: { keyId },
      data: { state: "destroyed", sealedMaterial: null, destroyedAt: at },
    });
    const shredded = await tx.dataKey.updateMany({
      where: { keyId },
      data: { state: "destroyed", wrappedKey: null, retiredAt: at },
    });
    await tx.tenantKey.update({
      where: { id: keyId },
      data: { state: "destroyed", stateChangedAt: at, destroyedAt: at },
      select: { id: true },
    });
    const details = { versions_destroyed: versions.length, data_keys_destroyed: shredded.count };
    await tx.keyEvent.create({
      data: { keyId, tenantId, at, type: "destroyed", actorType: "system", actorId: "key-deletion", details },
    });
    await appendAudit(tx, {
      actor: { type: "system", name: "key-deletion" },
      tenantId,
      action: "key.destroyed",
      subject: `key:${keyId}`,
      outcome: "success",
      details,
    });
    return announceKeyState(tx, { keyId, tenantId, state: "destroyed" });
  });
  if (!news) return false;
  dekCache().dropKey(keyId);
  keyStateChanged(news);
  return true;
}

/** The job that destroys a key at the end of its waiting period, keyed by that date. */
export function destroyKeyJobRequest(key: { id: string; tenantId: string }, due: Date): EnqueueRequest {
  return {
    kind: "key.destroy",
    payload: { key_id: key.id, tenant_id: key.tenantId },
    runAt: due,
    dedupeKey: `key.destroy:${key.id}:${due.toISOString()}`,
  };
}

/**
 * Gives every pending deletion its job again at start-up: a database upgraded from the old job
 * table, or a job that ended in the dead-letter queue. A job already waiting under the same key
 * makes this a no-op.
 */
export async function requeuePendingDeletions(db: PrismaClient): Promise<number> {
  const pending = await db.tenantKey.findMany({
    where: { state: "pending_deletion", deletionDueAt: { not: null } },
    select: { id: true, tenantId: true, deletionDueAt: true },
  });
  let queued = 0;
  for (const k of pending) if (await enqueueJob(db, destroyKeyJobRequest(k, k.deletionDueAt!))) queued++;
  return queued;
}
