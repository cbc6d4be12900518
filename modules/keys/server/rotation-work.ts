import "server-only";
import { kmsProvider } from "@/platform/kms/providers";
import { appendAudit } from "@/modules/audit/server/append";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import type { Tx } from "@/platform/db/transaction";
import {
  dataKeyContext,
  dekCache,
  newWrappedDataKey,
  openDataKey,
  versionMaterial,
} from "@/modules/keys/server/material";
import { decryptAll, encryptAll, PROTECTED_TABLES, type ProtectedTable } from "@/modules/keys/server/protected-fields";

const SERVICE = "terrane-key-rotation";
type Step = "more" | "completed" | "paused" | "busy";
type Rotation = {
  id: string;
  key_id: string;
  tenant_id: string;
  to_version: number;
  stage: string;
  data_key_id: string | null;
};
type KeyRow = { id: string; tenantId: string; provider: string; keyRef: string; state: string };

export interface AdvanceOptions {
  /** Data keys rewrapped, or records re-encrypted, per transaction. */
  batch?: number;
}

/**
 * Moves a rotation forward one committed batch at a time until it completes, the key leaves
 * `enabled` (paused; it resumes when enabled), or another instance holds it (busy). Each batch
 * commits its progress with its work, so a crash anywhere loses at most one batch's work.
 */
export async function advanceRotation(
  db: PrismaClient,
  rotationId: string,
  options: AdvanceOptions = {},
): Promise<Step> {
  const batch = options.batch ?? 100;
  for (;;) {
    const step = await db.$transaction((tx) => oneStep(tx, rotationId, batch), { timeout: 120_000, maxWait: 30_000 });
    if (step !== "more") return step;
  }
}

async function oneStep(tx: Tx, rotationId: string, batch: number): Promise<Step> {
  const [r] = await tx.$queryRaw<Rotation[]>`
    SELECT id, key_id, tenant_id, to_version, stage, data_key_id FROM key_rotations WHERE id = ${rotationId} FOR UPDATE SKIP LOCKED`;
  if (!r) return "busy";
  if (r.stage === "completed") return "completed";
  const key = await tx.tenantKey.findUniqueOrThrow({
    where: { id: r.key_id },
    select: { id: true, tenantId: true, provider: true, keyRef: true, state: true },
  });
  if (key.state !== "enabled") {
    await tx.keyRotation.update({
      where: { id: r.id },
      data: { error: `Paused: the key is ${key.state.replace("_", " ")}.`, updatedAt: new Date() },
      select: { id: true },
    });
    return "paused";
  }
  const progress = await STAGES[r.stage as keyof typeof STAGES](tx, r, key, batch);
  await tx.keyRotation.update({
    where: { id: r.id },
    data: { ...progress, error: null, updatedAt: new Date() },
    select: { id: true },
  });
  return progress.stage === "completed" ? "completed" : "more";
}

type Progress = {
  stage?: string;
  rewrapped?: { increment: number };
  doneFields?: { increment: number };
  totalFields?: number;
  dataKeyId?: string;
  completedAt?: Date;
};

const STAGES = {
  /** Every DEK of the key, rewrapped under the new CMK version. */
  async rewrap(tx: Tx, r: Rotation, key: KeyRow, batch: number): Promise<Progress> {
    const deks = await tx.dataKey.findMany({
      where: { keyId: key.id, keyVersion: { lt: r.to_version }, wrappedKey: { not: null } },
      select: { id: true, keyVersion: true, wrappedKey: true },
      take: batch,
    });
    if (deks.length === 0) return { stage: "new_data_key" };
    const provider = await kmsProvider(key.provider);
    const versions = await tx.tenantKeyVersion.findMany({ where: { keyId: key.id } });
    const material = (v: number) =>
      versionMaterial(
        key,
        versions.find((x) => x.version === v)!,
      );
    const ids: string[] = [];
    const wrappedHex: string[] = [];
    for (const dek of deks) {
      const context = dataKeyContext(key.tenantId, key.id, dek.id);
      const plain = await provider.unwrap(material(dek.keyVersion), Buffer.from(dek.wrappedKey!), context);
      try {
        ids.push(dek.id);
        wrappedHex.push((await provider.wrap(material(r.to_version), plain, context)).toString("hex"));
      } finally {
        plain.fill(0);
      }
    }
    // One statement per batch: the round trips, not the cryptography, are the cost.
    await tx.$executeRaw`
      UPDATE data_keys AS d SET key_version = ${r.to_version}, wrapped_key = decode(v.w, 'hex')
      FROM (SELECT unnest(${ids}::text[]) AS id, unnest(${wrappedHex}::text[]) AS w) AS v
      WHERE d.id = v.id`;
    return { rewrapped: { increment: deks.length } };
  },

  /** A fresh DEK under the new version; from now on new records use it. */
  async new_data_key(tx: Tx, r: Rotation, key: KeyRow): Promise<Progress> {
    const version = await tx.tenantKeyVersion.findUniqueOrThrow({
      where: { keyId_version: { keyId: key.id, version: r.to_version } },
    });
    const dek = await newWrappedDataKey(key, version);
    await tx.dataKey.create({
      data: {
        id: dek.id,
        tenantId: key.tenantId,
        keyId: key.id,
        keyVersion: r.to_version,
        wrappedKey: dek.wrappedKey,
        state: "active",
      },
      select: { id: true },
    });
    let total = 0;
    for (const table of Object.keys(PROTECTED_TABLES) as ProtectedTable[])
      total += await countFields(tx, table, key.tenantId, key.id, dek.id);
    return { stage: "reencrypt", dataKeyId: dek.id, totalFields: total };
  },

  /** Every protected record of the tenant, re-encrypted under the new DEK. */
  async reencrypt(tx: Tx, r: Rotation, key: KeyRow, batch: number): Promise<Progress> {
    const target = await openDataKey(tx, key.tenantId, r.data_key_id!, SERVICE);
    const opened = new Map<string, Buffer>();
    // `batch` counts records; `done` counts fields (the progress shown), so they are kept apart.
    let records = 0;
    let done = 0;
    try {
      for (const table of Object.keys(PROTECTED_TABLES) as ProtectedTable[]) {
        const spec = PROTECTED_TABLES[table];
        const rows = await tx.$queryRawUnsafe<Record<string, Uint8Array | string | null>[]>(
          `SELECT "${spec.id}" AS record_id, data_key_id, ${spec.fields.map((f) => `"${f}"`).join(", ")} FROM "${table}"
           WHERE tenant_id = $1 AND data_key_id <> $2
             AND data_key_id IN (SELECT id FROM data_keys WHERE key_id = $4)
           ORDER BY "${spec.id}" LIMIT $3 FOR UPDATE`,
          key.tenantId,
          r.data_key_id,
          batch - records,
          key.id,
        );
        records += rows.length;
        const updates: { id: string; from: string; values: (string | null)[] }[] = [];
        for (const row of rows) {
          const from = row.data_key_id as string;
          if (!opened.has(from)) opened.set(from, (await openDataKey(tx, key.tenantId, from, SERVICE)).key);
          const recordId = row.record_id as string;
          const sealed = Object.fromEntries(spec.fields.map((f) => [f, row[f] as Uint8Array | null]));
          const plain = decryptAll(opened.get(from)!, key.tenantId, table, recordId, sealed);
          const again = encryptAll(target.key, r.data_key_id!, key.tenantId, table, recordId, plain);
          updates.push({
            id: recordId,
            from,
            values: spec.fields.map((f) => (again[f] ? Buffer.from(again[f]).toString("hex") : null)),
          });
          done += Object.values(plain).filter((v) => v !== null).length;
        }
        if (updates.length > 0) await writeBatch(tx, table, r.data_key_id!, updates);
        if (records >= batch) break;
      }
    } finally {
      target.key.fill(0);
      for (const k of opened.values()) k.fill(0);
    }
    return records === 0 ? { stage: "retire" } : { doneFields: { increment: done } };
  },

  /** Old DEKs nothing uses are shredded; old CMK versions no DEK needs are retired and destroyed. */
  async retire(tx: Tx, r: Rotation, key: KeyRow): Promise<Progress> {
    const now = new Date();
    const old = await tx.dataKey.findMany({
      where: { keyId: key.id, id: { not: r.data_key_id! }, state: "active" },
      select: { id: true },
    });
    for (const dek of old) {
      let used = 0;
      for (const table of Object.keys(PROTECTED_TABLES) as ProtectedTable[])
        used += await countRecords(tx, table, key.tenantId, dek.id);
      if (used === 0)
        await tx.dataKey.update({
          where: { id: dek.id },
          data: { state: "retired", wrappedKey: null, retiredAt: now },
          select: { id: true },
        });
    }
    const provider = await kmsProvider(key.provider);
    const versions = await tx.tenantKeyVersion.findMany({
      where: { keyId: key.id, version: { lt: r.to_version }, state: "active" },
    });
    const retired: number[] = [];
    for (const v of versions) {
      const needed = await tx.dataKey.count({
        where: { keyId: key.id, keyVersion: v.version, wrappedKey: { not: null } },
      });
      if (needed > 0) continue;
      await provider.destroyVersion(versionMaterial(key, v));
      await tx.tenantKeyVersion.update({
        where: { id: v.id },
        data: { state: "retired", sealedMaterial: null, retiredAt: now },
        select: { id: true },
      });
      retired.push(v.version);
    }
    dekCache().dropKey(key.id);
    const details = {
      rotation_id: r.id,
      to_version: r.to_version,
      retired_versions: retired,
      retired_data_keys: old.length,
    };
    await tx.keyEvent.create({
      data: {
        keyId: key.id,
        tenantId: key.tenantId,
        at: now,
        type: "rotation_completed",
        actorType: "system",
        actorId: "key-rotation",
        details,
      },
    });
    await appendAudit(tx, {
      actor: { type: "system", name: "key-rotation" },
      tenantId: key.tenantId,
      action: "key.rotation_completed",
      subject: `key:${key.id}`,
      outcome: "success",
      details,
    });
    return { stage: "completed", completedAt: now };
  },
};

/**
 * Fields under the rotated key's other data keys. Only this key's: a tenant's drill key
 * (modules/drills) is a key of its own, and rotating it must not move the tenant's records under it.
 */
async function countFields(
  tx: Tx,
  table: ProtectedTable,
  tenantId: string,
  keyId: string,
  exceptDek: string,
): Promise<number> {
  const spec = PROTECTED_TABLES[table];
  const sum = spec.fields.map((f) => `("${f}" IS NOT NULL)::int`).join(" + ");
  const [row] = await tx.$queryRawUnsafe<{ n: bigint | null }[]>(
    `SELECT sum(${sum})::bigint AS n FROM "${table}" WHERE tenant_id = $1 AND data_key_id <> $2
       AND data_key_id IN (SELECT id FROM data_keys WHERE key_id = $3)`,
    tenantId,
    exceptDek,
    keyId,
  );
  return Number(row?.n ?? 0);
}

async function countRecords(tx: Tx, table: ProtectedTable, tenantId: string, dek: string): Promise<number> {
  const [row] = await tx.$queryRawUnsafe<{ n: bigint }[]>(
    `SELECT count(*)::bigint AS n FROM "${table}" WHERE tenant_id = $1 AND data_key_id = $2`,
    tenantId,
    dek,
  );
  return Number(row?.n ?? 0);
}

/** Re-encrypted values of a batch of records in one statement; only rows still under `from` change. */
async function writeBatch(
  tx: Tx,
  table: ProtectedTable,
  toDek: string,
  updates: { id: string; from: string; values: (string | null)[] }[],
): Promise<void> {
  const spec = PROTECTED_TABLES[table];
  const n = spec.fields.length;
  const columns = spec.fields.map((f, i) => `unnest($${i + 1}::text[]) AS "${f}"`).join(", ");
  const sets = spec.fields.map((f) => `"${f}" = decode(v."${f}", 'hex')`).join(", ");
  await tx.$executeRawUnsafe(
    `UPDATE "${table}" AS t SET ${sets}, data_key_id = $${n + 3}
     FROM (SELECT ${columns}, unnest($${n + 1}::text[]) AS record_id, unnest($${n + 2}::text[]) AS from_dek) AS v
     WHERE t."${spec.id}" = v.record_id AND t.data_key_id = v.from_dek`,
    ...spec.fields.map((_, i) => updates.map((u) => u.values[i] ?? null)),
    updates.map((u) => u.id),
    updates.map((u) => u.from),
    toDek,
  );
}
