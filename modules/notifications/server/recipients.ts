import "server-only";
import type { Tx } from "@/platform/db/transaction";
import { databaseNow } from "@/platform/db/db-time";

/** Who a notification can be addressed to, by what they do rather than by name. */
export type Audience = "customer_admins" | "compliance_officers" | "provider_admins";

/**
 * The user ids of everyone in `audiences` for the tenant, each once: the tenant's admins
 * (a customer_admin membership that has not expired, on an account that is not disabled) and
 * the region's provider staff by their provider role (accounts not disabled). Membership expiry
 * is judged on the database's clock. Run inside the caller's transaction.
 */
export async function recipientsFor(tx: Tx, tenantId: string, audiences: readonly Audience[]): Promise<string[]> {
  const ids = new Set<string>();
  if (audiences.includes("customer_admins")) {
    const now = await databaseNow(tx);
    const admins = await tx.membership.findMany({
      where: {
        tenantId,
        role: "customer_admin",
        OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
        user: { disabledAt: null },
      },
      select: { userId: true },
      orderBy: { createdAt: "asc" },
    });
    for (const a of admins) ids.add(a.userId);
  }
  const providerRoles = [
    ...(audiences.includes("compliance_officers") ? (["compliance_officer"] as const) : []),
    ...(audiences.includes("provider_admins") ? (["provider_admin"] as const) : []),
  ];
  if (providerRoles.length > 0) {
    const staff = await tx.user.findMany({
      where: { providerRole: { in: [...providerRoles] }, disabledAt: null },
      select: { id: true },
      orderBy: { createdAt: "asc" },
    });
    for (const s of staff) ids.add(s.id);
  }
  return [...ids];
}

/**
 * The customer admins of each of `tenantIds` in one query (as recipientsFor judges them): for
 * a message to every tenant of the region, where a query per tenant would add up.
 */
export async function customerAdminsByTenant(tx: Tx, tenantIds: readonly string[]): Promise<Map<string, string[]>> {
  const byTenant = new Map<string, string[]>(tenantIds.map((id) => [id, []]));
  if (tenantIds.length === 0) return byTenant;
  const now = await databaseNow(tx);
  const admins = await tx.membership.findMany({
    where: {
      tenantId: { in: [...tenantIds] },
      role: "customer_admin",
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      user: { disabledAt: null },
    },
    select: { tenantId: true, userId: true },
    orderBy: { createdAt: "asc" },
  });
  for (const a of admins) byTenant.get(a.tenantId)?.push(a.userId);
  return byTenant;
}
