import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { KeyUnavailableError } from "@/platform/kms/provider";
import { logger } from "@/platform/log/logger";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { sealFields } from "@/modules/keys/server/protected-fields";
import { provisionTenantKey } from "@/modules/keys/server/tenant-keys";

export function canaryValue(storeId: string): string {
  return `terrane-canary:${storeId}`;
}

/** One canary per store of the tenant, encrypted under its current data key. */
export async function ensureStoreCanaries(db: PrismaClient, tenantId: string): Promise<number> {
  const stores = await db.store.findMany({ where: { tenantId, canary: null }, select: { id: true } });
  let made = 0;
  for (const store of stores) {
    try {
      const { dataKeyId, sealed } = await sealFields(db, tenantId, "store_canaries", store.id, {
        ciphertext: canaryValue(store.id),
      });
      await db.storeCanary.create({
        data: { storeId: store.id, tenantId, dataKeyId, ciphertext: sealed.ciphertext! },
        select: { storeId: true },
      });
      made++;
    } catch (err) {
      // A disabled key cannot encrypt a canary; the store gets one when the key is enabled again.
      if (err instanceof KeyUnavailableError) return made;
      throw err;
    }
  }
  return made;
}

/** Every tenant homed here has a key, and every store a canary (new tenants, new stores). */
export async function ensureTenantKeys(
  db: PrismaClient,
  actor: Actor = { type: "system", name: "key-manager" },
): Promise<void> {
  const tenants = await db.tenant.findMany({ select: { id: true, slug: true, tier: true } });
  for (const tenant of tenants) {
    try {
      await provisionTenantKey(db, tenant, actor);
      await ensureStoreCanaries(db, tenant.id);
    } catch (err) {
      // One tenant's unreachable KMS must not keep the region's other tenants from being served;
      // this tenant's data stays unreadable (fail closed) and the next start tries again.
      if (!(err instanceof KeyUnavailableError)) throw err;
      logger().error({ err, tenant: tenant.slug }, "could not provision the tenant's key");
    }
  }
}
