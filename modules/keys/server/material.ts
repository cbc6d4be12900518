import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { DekCache } from "@/modules/keys/server/dek-cache";
import { KeyUnavailableError, type KeyVersionMaterial } from "@/platform/kms/provider";
import { kmsProvider } from "@/platform/kms/providers";
import { env } from "@/platform/env";
import { toBytes } from "@/platform/db/bytes";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import type { Tx } from "@/platform/db/transaction";
import { onKeyStateChange } from "@/modules/keys/server/state-channel";
import { countKeyUse } from "@/modules/keys/server/usage-counter";

type Db = PrismaClient | Tx;

import { PRIMARY_ALIAS } from "@/modules/keys/domain/aliases";

export { PRIMARY_ALIAS };

export function dataKeyContext(tenantId: string, keyId: string, dataKeyId: string): string {
  return `terrane:dek:${tenantId}:${keyId}:${dataKeyId}`;
}

const g = globalThis as typeof globalThis & { __terraneDekCache?: DekCache };

/** This process's data-key cache; it forgets a CMK's keys the moment the CMK leaves `enabled`. */
export function dekCache(): DekCache {
  if (!g.__terraneDekCache) {
    const cache = new DekCache(env().DEK_CACHE_TTL_SECONDS * 1000);
    onKeyStateChange((news) => {
      if (news.state !== "enabled") cache.dropKey(news.keyId);
    });
    g.__terraneDekCache = cache;
  }
  return g.__terraneDekCache;
}

export function versionMaterial(
  key: { id: string; keyRef: string },
  version: { id: string; version: number; handle: string; sealedMaterial: Uint8Array | null },
): KeyVersionMaterial {
  return {
    keyRef: key.keyRef,
    keyId: key.id,
    version: version.version,
    versionId: version.id,
    handle: version.handle,
    sealedMaterial: version.sealedMaterial ? Buffer.from(version.sealedMaterial) : null,
  };
}

const UNAVAILABLE: Record<string, string> = {
  disabled: "The tenant's key is disabled, so its encrypted data cannot be read. A customer admin can enable it again.",
  pending_deletion:
    "The tenant's key is scheduled for deletion, so its encrypted data cannot be read. A customer admin can cancel the deletion.",
  destroyed: "The tenant's key was destroyed: this data can never be read again.",
};

export function assertKeyUsable(state: string): void {
  if (state !== "enabled") {
    throw new KeyUnavailableError(
      state as "disabled" | "pending_deletion" | "destroyed",
      UNAVAILABLE[state] ?? "The tenant's key cannot be used.",
    );
  }
}

/**
 * A plaintext data key (a copy: wipe it after use). From the cache while fresh, otherwise
 * unwrapped by the KMS after checking the CMK's state: a disabled key fails closed.
 */
export async function openDataKey(
  db: Db,
  tenantId: string,
  dataKeyId: string,
  service = "terrane-portal",
): Promise<{ keyId: string; key: Buffer }> {
  const cache = dekCache();
  const row = await db.dataKey.findFirst({
    where: { id: dataKeyId, tenantId },
    select: {
      keyVersion: true,
      wrappedKey: true,
      key: { select: { id: true, state: true, provider: true, keyRef: true } },
    },
  });
  if (!row) throw new KeyUnavailableError("no_key", "The data key this record was encrypted under no longer exists.");
  const cached = cache.get(dataKeyId);
  if (cached && row.key.state === "enabled") {
    countKeyUse(row.key.id, tenantId, "decrypt", service, true);
    return { keyId: row.key.id, key: Buffer.from(cached) };
  }
  const generation = cache.generation(row.key.id);
  try {
    assertKeyUsable(row.key.state);
    if (!row.wrappedKey) throw new KeyUnavailableError("destroyed", UNAVAILABLE.destroyed!);
    const version = await db.tenantKeyVersion.findUnique({
      where: { keyId_version: { keyId: row.key.id, version: row.keyVersion } },
      select: { id: true, version: true, handle: true, sealedMaterial: true, state: true },
    });
    if (!version || version.state === "destroyed") throw new KeyUnavailableError("destroyed", UNAVAILABLE.destroyed!);
    const provider = await kmsProvider(row.key.provider);
    const plain = await provider.unwrap(
      versionMaterial(row.key, version),
      Buffer.from(row.wrappedKey),
      dataKeyContext(tenantId, row.key.id, dataKeyId),
    );
    const copy = Buffer.from(plain);
    if (!cache.set(dataKeyId, row.key.id, plain, generation)) {
      copy.fill(0);
      throw new KeyUnavailableError("disabled", UNAVAILABLE.disabled!);
    }
    countKeyUse(row.key.id, tenantId, "decrypt", service, true);
    return { keyId: row.key.id, key: copy };
  } catch (err) {
    countKeyUse(row.key.id, tenantId, "decrypt", service, false);
    throw err;
  }
}

/** The data key new encryptions of this tenant use: the newest active DEK of its primary CMK. */
export async function currentDataKey(
  db: Db,
  tenantId: string,
): Promise<{ dataKeyId: string; keyId: string; key: Buffer }> {
  const key = await db.tenantKey.findUnique({
    where: { tenantId_alias: { tenantId, alias: PRIMARY_ALIAS } },
    select: { id: true, state: true },
  });
  if (!key) throw new KeyUnavailableError("no_key", "This tenant has no key yet.");
  assertKeyUsable(key.state);
  const dek = await db.dataKey.findFirst({
    where: { keyId: key.id, state: "active" },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (!dek) throw new KeyUnavailableError("no_key", "This tenant's key has no active data key.");
  const opened = await openDataKey(db, tenantId, dek.id);
  return { dataKeyId: dek.id, ...opened };
}

/** A new DEK wrapped under the given CMK version (the caller stores it in its transaction). */
export async function newWrappedDataKey(
  key: { id: string; tenantId: string; provider: string; keyRef: string },
  version: { id: string; version: number; handle: string; sealedMaterial: Uint8Array | null },
): Promise<{ id: string; wrappedKey: Uint8Array<ArrayBuffer> }> {
  const id = randomUUID();
  const plain = randomBytes(32);
  try {
    const provider = await kmsProvider(key.provider);
    const wrapped = await provider.wrap(versionMaterial(key, version), plain, dataKeyContext(key.tenantId, key.id, id));
    return { id, wrappedKey: toBytes(wrapped) };
  } finally {
    plain.fill(0);
  }
}
