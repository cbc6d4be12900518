import "server-only";
import { decryptField, encryptField, fieldDataKeyId } from "@/modules/keys/domain/field-cipher";
import { KeyUnavailableError } from "@/platform/kms/provider";
import { toBytes } from "@/platform/db/bytes";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import type { Tx } from "@/platform/db/transaction";
import { currentDataKey, openDataKey } from "@/modules/keys/server/material";

type Db = PrismaClient | Tx;

/**
 * Every table holding fields encrypted under a tenant's data keys. Rotation walks this list to
 * re-encrypt; a new table of sensitive fields is added here (and nowhere else).
 */
export const PROTECTED_TABLES = {
  tenant_contacts: { id: "id", fields: ["name", "email", "phone"] },
  auditor_identities: { id: "id", fields: ["firm", "name", "email"] },
  store_canaries: { id: "store_id", fields: ["ciphertext"] },
} as const;

export type ProtectedTable = keyof typeof PROTECTED_TABLES;
export type FieldOf<T extends ProtectedTable> = (typeof PROTECTED_TABLES)[T]["fields"][number];

/** Encrypts a record's fields under the tenant's current data key. */
export async function sealFields<T extends ProtectedTable>(
  db: Db,
  tenantId: string,
  table: T,
  recordId: string,
  values: Partial<Record<FieldOf<T>, string | null>>,
): Promise<{ dataKeyId: string; sealed: Record<string, Uint8Array<ArrayBuffer> | null> }> {
  const { dataKeyId, key } = await currentDataKey(db, tenantId);
  try {
    return { dataKeyId, sealed: encryptAll(key, dataKeyId, tenantId, table, recordId, values) };
  } finally {
    key.fill(0);
  }
}

export function encryptAll(
  key: Buffer,
  dataKeyId: string,
  tenantId: string,
  table: ProtectedTable,
  recordId: string,
  values: Record<string, string | null | undefined>,
): Record<string, Uint8Array<ArrayBuffer> | null> {
  const sealed: Record<string, Uint8Array<ArrayBuffer> | null> = {};
  for (const [field, value] of Object.entries(values)) {
    if (value === undefined) continue;
    sealed[field] =
      value === null
        ? null
        : toBytes(encryptField(key, dataKeyId, { tenantId, table, recordId, field }, Buffer.from(value, "utf8")));
  }
  return sealed;
}

export function decryptAll(
  key: Buffer,
  tenantId: string,
  table: ProtectedTable,
  recordId: string,
  sealed: Record<string, Uint8Array | null>,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [field, value] of Object.entries(sealed)) {
    out[field] =
      value === null
        ? null
        : decryptField(key, { tenantId, table, recordId, field }, Buffer.from(value)).toString("utf8");
  }
  return out;
}

/** Decrypts a record's fields; a disabled or destroyed key throws KeyUnavailableError. */
export async function openFields(
  db: Db,
  tenantId: string,
  table: ProtectedTable,
  recordId: string,
  sealed: Record<string, Uint8Array | null>,
  service?: string,
): Promise<Record<string, string | null>> {
  const first = Object.values(sealed).find((v): v is Uint8Array => v !== null);
  if (!first) return Object.fromEntries(Object.keys(sealed).map((k) => [k, null]));
  const dataKeyId = fieldDataKeyId(Buffer.from(first));
  const { key } = await openDataKey(db, tenantId, dataKeyId, service);
  try {
    return decryptAll(key, tenantId, table, recordId, sealed);
  } finally {
    key.fill(0);
  }
}

/** What a page shows for fields it could not decrypt: the reason in plain words. */
export type Readable<T> = { available: true; value: T } | { available: false; reason: string; state: string };

export async function readable<T>(read: () => Promise<T>): Promise<Readable<T>> {
  try {
    return { available: true, value: await read() };
  } catch (err) {
    if (err instanceof KeyUnavailableError) return { available: false, reason: err.message, state: err.reason };
    throw err;
  }
}
