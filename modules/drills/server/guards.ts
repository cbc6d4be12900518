import "server-only";
import type { PrismaClient, Tx } from "@/platform/db/transaction";
import { ConflictError } from "@/platform/errors";
import { DRILL_KEY_ALIAS } from "@/modules/keys/domain/aliases";
import type { DrillKind } from "@/modules/drills/domain/model";

type Db = PrismaClient | Tx;

/** The customer's consent in force now (not revoked, not expired), or null. */
export async function activeConsent(db: Db, tenantId: string, now: Date) {
  return db.drillConsent.findFirst({
    where: { tenantId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { grantedAt: "desc" },
    select: { id: true, kinds: true, grantedById: true, grantedAt: true, expiresAt: true },
  });
}

export function consentCovers(consent: { kinds: string[] } | null, kind: DrillKind): boolean {
  return consent !== null && consent.kinds.includes(kind);
}

/**
 * Refuses a drill that would disturb key work under way: a rotation in progress (the drill
 * would pause or race it), or a customer key that is not enabled (disabled or pending deletion:
 * the drill's restore would have nothing to restore to, or would hide the customer's own choice).
 */
export async function assertNoKeyOperation(db: Db, tenantId: string): Promise<void> {
  const rotation = await db.keyRotation.findFirst({
    where: { tenantId, completedAt: null },
    select: { id: true },
  });
  if (rotation)
    throw new ConflictError(
      "A key rotation of this tenant is in progress; start the drill once it has finished.",
      "key_operation_running",
    );
  const keys = await db.tenantKey.findMany({
    where: { tenantId, alias: { not: DRILL_KEY_ALIAS }, state: { not: "enabled" } },
    select: { state: true },
  });
  const key = keys[0];
  if (key)
    throw new ConflictError(
      key.state === "pending_deletion"
        ? "The tenant's key is scheduled for deletion; a drill would disturb it. Cancel the deletion (or let it run) first."
        : `The tenant's key is ${key.state}; a drill would disturb it. A customer admin can enable it first.`,
      "key_operation_running",
    );
}

/** One drill at a time per tenant (the database refuses a second too: drills_one_running). */
export async function assertNoDrillRunning(db: Db, tenantId: string): Promise<void> {
  const running = await db.drill.findFirst({ where: { tenantId, state: "running" }, select: { id: true } });
  if (running) throw new ConflictError(`A drill of this tenant is already running (${running.id}).`, "drill_running");
}
