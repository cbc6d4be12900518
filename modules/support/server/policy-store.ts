import "server-only";
import type { PrismaClient, Tx } from "@/platform/db/transaction";
import {
  DEFAULT_POLICY,
  REASON_CODES,
  type ReasonCode,
  type SupportPolicyValues,
} from "@/modules/support/domain/model";

const isReason = (r: string): r is ReasonCode => (REASON_CODES as readonly string[]).includes(r);

/** The tenant's approval policy, or the defaults when its admins never set one. */
export async function loadSupportPolicy(
  db: PrismaClient | Tx,
  tenantId: string,
): Promise<SupportPolicyValues & { updatedAt: Date | null; updatedById: string | null }> {
  const row = await db.supportPolicy.findUnique({ where: { tenantId } });
  if (!row) return { ...DEFAULT_POLICY, updatedAt: null, updatedById: null };
  return {
    approvalsRequired: row.approvalsRequired,
    requestLifetimeHours: row.requestLifetimeHours,
    maxGrantHours: row.maxGrantHours,
    deniedReasons: row.deniedReasons.filter(isReason),
    allowReadWrite: row.allowReadWrite,
    updatedAt: row.updatedAt,
    updatedById: row.updatedById,
  };
}

/** How many people can approve: the tenant's customer admins whose membership and account are live. */
export async function countApprovers(db: PrismaClient | Tx, tenantId: string, now: Date): Promise<number> {
  return db.membership.count({
    where: {
      tenantId,
      role: "customer_admin",
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      user: { disabledAt: null },
    },
  });
}
