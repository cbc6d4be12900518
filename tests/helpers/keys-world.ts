import { randomBytes, verify } from "node:crypto";
import { beforeAll, expect } from "vitest";
import { canonicalJsonBytes } from "@/modules/audit/domain/canonical-json";
import { ed25519PublicKeyFromRaw } from "@/modules/audit/domain/ed25519";
import { parseVerifierKey } from "@/modules/audit/domain/keys";
import { forgetSealingKey } from "@/platform/crypto/sealing";
import { resetEnvCache } from "@/platform/env";
import type { DatabaseKind } from "@/platform/db/db";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { openFields, PROTECTED_TABLES, readable, type ProtectedTable } from "@/modules/keys/server/protected-fields";
import { forgetRegionKeys } from "@/modules/audit/server/signing-keys";
import { stableId } from "@/prisma/seed/world";
import { useSeededRegion, type SeededRegion } from "./seeded-region";

export const ORIGIN = { surface: "api", path: "/api/v1/test" } as const;

/**
 * The seeded demo region with tenant keys, under a region sealing key set explicitly (so a
 * second instance started by the test can be given the same one), with this file's own
 * signing keys: nothing cached from another database of the same file leaks in.
 */
export function useKeyWorld(
  kind: DatabaseKind,
  sealingKey = randomBytes(32).toString("base64"),
): SeededRegion & { sealingKey: string } {
  beforeAll(() => {
    process.env.REGION_SEALING_KEY = sealingKey;
    resetEnvCache();
    forgetSealingKey();
    forgetRegionKeys();
  });
  const world = useSeededRegion(kind, "eu-central-1", { keys: true });
  return Object.assign(world, { sealingKey });
}

export const tenantId = (slug: string) => stableId("tenant", slug);

export async function primaryKeyId(db: PrismaClient, slug: string): Promise<string> {
  return (
    await db.tenantKey.findFirstOrThrow({ where: { tenantId: tenantId(slug), alias: "primary" }, select: { id: true } })
  ).id;
}

export interface ProtectedRow {
  table: ProtectedTable;
  recordId: string;
  dataKeyId: string;
  sealed: Record<string, Uint8Array | null>;
}

/** Every encrypted record of the tenant, from all protected tables, still sealed. */
export async function protectedRows(db: PrismaClient, tenant: string): Promise<ProtectedRow[]> {
  const out: ProtectedRow[] = [];
  for (const table of Object.keys(PROTECTED_TABLES) as ProtectedTable[]) {
    const spec = PROTECTED_TABLES[table];
    const rows = await db.$queryRawUnsafe<Record<string, Uint8Array | string | null>[]>(
      `SELECT "${spec.id}" AS record_id, data_key_id, ${spec.fields.map((f) => `"${f}"`).join(", ")} FROM "${table}" WHERE tenant_id = $1 ORDER BY 1`,
      tenant,
    );
    for (const r of rows) {
      out.push({
        table,
        recordId: r.record_id as string,
        dataKeyId: r.data_key_id as string,
        sealed: Object.fromEntries(spec.fields.map((f) => [f, r[f] as Uint8Array | null])),
      });
    }
  }
  return out;
}

/** Decrypts every protected record of the tenant as the portal would; throws on the first failure. */
export async function decryptEverything(db: PrismaClient, tenant: string): Promise<Record<string, string | null>[]> {
  const rows = await protectedRows(db, tenant);
  const out = [];
  for (const r of rows) out.push(await openFields(db, tenant, r.table, r.recordId, r.sealed));
  return out;
}

/** What a page would show for each record: the values, or the plain reason they are unavailable. */
export async function readOutcomes(db: PrismaClient, tenant: string) {
  const rows = await protectedRows(db, tenant);
  const out = [];
  for (const r of rows)
    out.push({ table: r.table, ...(await readable(() => openFields(db, tenant, r.table, r.recordId, r.sealed))) });
  return out;
}

/** Key events of this type and audit entries of `key.<type>` for the key. */
export async function changeCounts(
  db: PrismaClient,
  keyId: string,
  type: string,
): Promise<{ events: number; audit: number }> {
  const [events, audit] = await Promise.all([
    db.keyEvent.count({ where: { keyId, type } }),
    db.auditEntry.count({ where: { action: `key.${type}`, subject: `key:${keyId}` } }),
  ]);
  return { events, audit };
}

/**
 * All key events and audit entries of changes in the region: for "nothing changed". A refused
 * change leaves evidence (`access.denied`), not a change.
 */
export async function totals(db: PrismaClient): Promise<{ events: number; audit: number }> {
  const [events, audit] = await Promise.all([
    db.keyEvent.count(),
    db.auditEntry.count({ where: { action: { not: "access.denied" } } }),
  ]);
  return { events, audit };
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface SignedReceipt {
  body: unknown;
  signature: string | null;
}

/**
 * Checks a completed receipt's Ed25519 signature over the RFC 8785 form of its body, with the
 * region's audit-log public key as stored in its database (not as the receipt claims it).
 */
export async function expectReceiptSigned(db: PrismaClient, receipt: SignedReceipt): Promise<void> {
  expect(receipt.signature).not.toBeNull();
  const sig = JSON.parse(receipt.signature!) as { alg: string; key: string; value: string };
  expect(sig.alg).toBe("Ed25519");
  const regionKey = await db.regionSigningKey.findFirstOrThrow({ where: { purpose: "audit-log", retiredAt: null } });
  const claimed = parseVerifierKey(sig.key);
  expect(claimed.publicKey.equals(Buffer.from(regionKey.publicKey))).toBe(true);
  const publicKey = ed25519PublicKeyFromRaw(regionKey.publicKey);
  const message = canonicalJsonBytes(receipt.body);
  expect(verify(null, message, publicKey, Buffer.from(sig.value, "base64"))).toBe(true);
  // One changed byte of the body breaks it.
  const tampered = { ...(receipt.body as Record<string, unknown>), max_ms: -1 };
  expect(verify(null, canonicalJsonBytes(tampered), publicKey, Buffer.from(sig.value, "base64"))).toBe(false);
}
