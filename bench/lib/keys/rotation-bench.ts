/** The rotation half of `npm run bench:keys`: rewrap and re-encrypt rates next to raw AES-256-GCM. */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from "node:crypto";
import type { RegionDatabase } from "@/platform/db/db";
import { currentDataKey, newWrappedDataKey } from "@/modules/keys/server/material";
import { beginRotation } from "@/modules/keys/server/rotation";
import { encryptAll } from "@/modules/keys/server/protected-fields";

export interface RotationFigures {
  dataKeys: number;
  fields: number;
  rewrapPerSecond: number;
  reencryptFieldsPerSecond: number;
  rawGcmRewrapPerSecond: number;
  rawGcmFieldsPerSecond: number;
  rewrapRatio: number;
  reencryptRatio: number;
  totalSeconds: number;
}

/** Decrypt-then-encrypt round trips per second of `bytes`-long values, in this process, for ~1 s. */
function rawGcm(bytes: number): number {
  const key = randomBytes(32);
  const plain = randomBytes(bytes);
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < 1_000) {
    const iv = randomBytes(12);
    const c = createCipheriv("aes-256-gcm", key, iv);
    const ct = Buffer.concat([c.update(plain), c.final()]);
    const tag = c.getAuthTag();
    const d = createDecipheriv("aes-256-gcm", key, iv);
    d.setAuthTag(tag);
    Buffer.concat([d.update(ct), d.final()]);
    n++;
  }
  return n / ((performance.now() - started) / 1000);
}

export async function rotationBench(
  database: RegionDatabase,
  tenantId: string,
  keyId: string,
  size: { dataKeys: number; records: number },
): Promise<RotationFigures> {
  const db = database.prisma;
  const key = await db.tenantKey.findUniqueOrThrow({
    where: { id: keyId },
    select: { id: true, tenantId: true, provider: true, keyRef: true, currentVersion: true },
  });
  const version = await db.tenantKeyVersion.findUniqueOrThrow({
    where: { keyId_version: { keyId, version: key.currentVersion } },
  });
  for (let done = 0; done < size.dataKeys; done += 500) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(500, size.dataKeys - done) }, () => newWrappedDataKey(key, version)),
    );
    await db.dataKey.createMany({
      data: batch.map((d) => ({
        id: d.id,
        tenantId,
        keyId,
        keyVersion: key.currentVersion,
        wrappedKey: d.wrappedKey,
        state: "retired_bench",
      })),
    });
  }
  const current = await currentDataKey(db, tenantId);
  for (let done = 0; done < size.records; done += 500) {
    const rows = Array.from({ length: Math.min(500, size.records - done) }, (_, i) => {
      const id = randomUUID();
      const sealed = encryptAll(current.key, current.dataKeyId, tenantId, "tenant_contacts", id, {
        name: `Contact ${done + i}`,
        email: `contact${done + i}@example.test`,
        phone: `+49 30 555 ${String(done + i).padStart(5, "0")}`,
      });
      return {
        id,
        tenantId,
        purpose: "bench",
        dataKeyId: current.dataKeyId,
        name: sealed.name!,
        email: sealed.email!,
        phone: sealed.phone!,
      };
    });
    await db.tenantContact.createMany({ data: rows });
  }
  current.key.fill(0);

  const started = performance.now();
  const rotationId = await beginRotation(db, keyId, tenantId, { type: "system", name: "bench" }, "manual");
  const seen = new Map<string, number>();
  let row;
  for (;;) {
    row = await db.keyRotation.findUniqueOrThrow({ where: { id: rotationId } });
    if (!seen.has(row.stage)) seen.set(row.stage, performance.now());
    if (row.stage === "completed") break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const end = performance.now();
  const rewrapEnd = seen.get("new_data_key") ?? seen.get("reencrypt") ?? end;
  const reencryptStart = seen.get("reencrypt") ?? rewrapEnd;
  const reencryptEnd = seen.get("retire") ?? end;
  const rewrapPerSecond = row.rewrapped / ((rewrapEnd - started) / 1000);
  const reencryptFieldsPerSecond = row.doneFields / ((reencryptEnd - reencryptStart) / 1000);
  const rawGcmRewrapPerSecond = rawGcm(32);
  const rawGcmFieldsPerSecond = rawGcm(32);
  const r = (x: number) => Math.round(x);
  return {
    dataKeys: row.rewrapped,
    fields: row.doneFields,
    rewrapPerSecond: r(rewrapPerSecond),
    reencryptFieldsPerSecond: r(reencryptFieldsPerSecond),
    rawGcmRewrapPerSecond: r(rawGcmRewrapPerSecond),
    rawGcmFieldsPerSecond: r(rawGcmFieldsPerSecond),
    rewrapRatio: Math.round((rawGcmRewrapPerSecond / rewrapPerSecond) * 10) / 10,
    reencryptRatio: Math.round((rawGcmFieldsPerSecond / reencryptFieldsPerSecond) * 10) / 10,
    totalSeconds: Math.round((end - started) / 10) / 100,
  };
}
