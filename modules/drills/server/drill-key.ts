import "server-only";
import { databaseNow } from "@/platform/db/db-time";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import type { Prisma } from "@/platform/db/transaction";
import type { Actor } from "@/platform/auth/actor";
import { ConflictError } from "@/platform/errors";
import { appendAudit } from "@/modules/audit/server/append";
import { liveInstanceIds } from "@/platform/region/instances";
import { announceKeyState, keyStateChanged } from "@/modules/keys/server/state-channel";
import { provisionTenantKey } from "@/modules/keys/server/tenant-keys";
import type { StoredTier } from "@/platform/region/tier";
import { DRILL_KEY_ALIAS } from "@/modules/keys/domain/aliases";

/**
 * A tenant's drill key: a CMK of its own (alias "drill") in the tenant's KMS, with a data key
 * of its own that encrypts nothing of the customer's. The revocation drill disables and enables
 * it, so customer data keys are never touched; the revocation probes decrypt under it
 * (modules/keys/server/revocation.ts probes the disabled key's own data keys).
 */

export const DRILL_ACTOR: Actor = { type: "system", name: "residency-drill" };

export async function ensureDrillKey(
  db: PrismaClient,
  tenant: { id: string; slug: string; tier: StoredTier },
): Promise<string> {
  return provisionTenantKey(db, tenant, DRILL_ACTOR, new Date(), DRILL_KEY_ALIAS);
}

/**
 * Disables or enables the drill key as a customer admin's disable does (row lock, key event,
 * audit entry, every instance told through `pg_notify`, a revocation receipt opened for a
 * disable), but without the kill switch's side effects: support grants stay as they are.
 */
export async function setDrillKeyState(
  db: PrismaClient,
  tenantId: string,
  keyId: string,
  to: "disabled" | "enabled",
  drillId: string,
): Promise<{ at: Date; receiptId: string | null }> {
  const from = to === "disabled" ? "enabled" : "disabled";
  const result = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ state: string; alias: string }[]>`
      SELECT state, alias FROM tenant_keys WHERE id = ${keyId} AND tenant_id = ${tenantId} FOR UPDATE`;
    if (!row || row.alias !== DRILL_KEY_ALIAS) throw new ConflictError("The drill key is gone.", "drill_key_missing");
    if (row.state !== from)
      throw new ConflictError(`The drill key is ${row.state}, expected ${from}.`, "key_state_conflict");
    const now = await databaseNow(tx);
    await tx.tenantKey.update({ where: { id: keyId }, data: { state: to, stateChangedAt: now }, select: { id: true } });
    let receiptId: string | null = null;
    const details: Prisma.InputJsonObject = { from_state: from, to_state: to, drill_id: drillId };
    if (to === "disabled") {
      const expected = await liveInstanceIds(tx);
      const receipt = await tx.revocationReceipt.create({
        data: { keyId, tenantId, disabledAt: now, status: "pending", expected },
        select: { id: true },
      });
      receiptId = receipt.id;
    }
    const full = { ...details, ...(receiptId ? { receipt_id: receiptId } : {}) };
    await tx.keyEvent.create({
      data: { keyId, tenantId, at: now, type: to, actorType: "system", actorId: null, details: full },
    });
    await appendAudit(tx, {
      actor: DRILL_ACTOR,
      tenantId,
      action: to === "disabled" ? "key.disabled" : "key.enabled",
      subject: `key:${keyId}`,
      outcome: "success",
      details: full,
    });
    const news = await announceKeyState(tx, {
      keyId,
      tenantId,
      state: to,
      ...(receiptId ? { receiptId } : {}),
    });
    return { at: now, receiptId, news };
  });
  keyStateChanged(result.news);
  return { at: result.at, receiptId: result.receiptId };
}
