import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { KeyVersionMaterial, KmsProvider } from "@/platform/kms/provider";

/** A fresh CMK version of `keyRef`, as the key service would store it. */
export async function newVersion(
  kms: KmsProvider,
  keyRef = "terrane-managed/acme",
  versionId: string = randomUUID(),
): Promise<KeyVersionMaterial> {
  const ref = { keyRef, keyId: randomUUID(), version: 1, versionId };
  return { ...ref, ...(await kms.createVersion(ref)) };
}

/** What the key service keeps of a destroyed version: its metadata, no material. */
export function destroyedRow(version: KeyVersionMaterial): KeyVersionMaterial {
  return { ...version, sealedMaterial: null };
}

function flipByte(buffer: Buffer, index: number): Buffer {
  const copy = Buffer.from(buffer);
  const at = index < 0 ? copy.length + index : index;
  copy.writeUInt8(copy.readUInt8(at) ^ 0x01, at);
  return copy;
}

/**
 * The behaviour every KMS provider owes the key service, whatever holds the material.
 * `kms()` is read inside each test, so the caller may create the provider in beforeAll.
 */
export function describeKmsContract(name: string, kms: () => KmsProvider): void {
  describe(`${name}: the KmsProvider contract`, () => {
    const context = "terrane:dek:tenant-1:dek-1";

    it("unwraps what it wrapped, as iv(12) ‖ ciphertext ‖ tag(16), with a fresh IV each time", async () => {
      const v = await newVersion(kms());
      const dataKey = randomBytes(32);
      const a = await kms().wrap(v, dataKey, context);
      const b = await kms().wrap(v, dataKey, context);
      expect(a).toHaveLength(12 + 32 + 16);
      expect(a.equals(b)).toBe(false);
      expect(a.includes(dataKey)).toBe(false);
      expect((await kms().unwrap(v, a, context)).equals(dataKey)).toBe(true);
      expect((await kms().unwrap(v, b, context)).equals(dataKey)).toBe(true);
    });

    it("refuses to unwrap under another context", async () => {
      const v = await newVersion(kms());
      const wrapped = await kms().wrap(v, randomBytes(32), context);
      await expect(kms().unwrap(v, wrapped, `${context}x`)).rejects.toThrow();
      await expect(kms().unwrap(v, wrapped, "")).rejects.toThrow();
    });

    it("refuses a tampered IV, ciphertext or tag, and a truncated value", async () => {
      const v = await newVersion(kms());
      const wrapped = await kms().wrap(v, randomBytes(32), context);
      for (const index of [0, 11, 12, 43, 44, -1]) {
        await expect(kms().unwrap(v, flipByte(wrapped, index), context)).rejects.toThrow();
      }
      await expect(kms().unwrap(v, wrapped.subarray(0, 27), context)).rejects.toThrow();
      await expect(kms().unwrap(v, wrapped.subarray(0, wrapped.length - 1), context)).rejects.toThrow();
    });

    it("gives each version its own key", async () => {
      const v1 = await newVersion(kms());
      const v2 = await newVersion(kms(), v1.keyRef);
      expect(v2.handle).not.toBe(v1.handle);
      const wrapped = await kms().wrap(v1, randomBytes(32), context);
      await expect(kms().unwrap(v2, wrapped, context)).rejects.toThrow();
      // v1's row relabelled as v2 (or v2's material under v1's ids) reaches no key either.
      await expect(kms().unwrap({ ...v1, versionId: v2.versionId }, wrapped, context)).rejects.toThrow();
      await expect(kms().unwrap({ ...v2, versionId: v1.versionId }, wrapped, context)).rejects.toThrow();
    });

    it("destroys a version for good, idempotently", async () => {
      const v = await newVersion(kms());
      const wrapped = await kms().wrap(v, randomBytes(32), context);
      await kms().destroyVersion(v);
      await kms().destroyVersion(v);
      await expect(kms().unwrap(destroyedRow(v), wrapped, context)).rejects.toThrow(/destroyed/);
      await expect(kms().wrap(destroyedRow(v), randomBytes(32), context)).rejects.toThrow(/destroyed/);
      await kms().destroyVersion(destroyedRow(v));
    });

    it("wraps region secrets under the region key, bound to key reference and context", async () => {
      const secret = randomBytes(64);
      const wrapped = await kms().wrapRegionSecret("terrane-region/eu-central-1", secret, "signing-key:checkpoint:1");
      expect(wrapped.includes(secret)).toBe(false);
      const again = await kms().unwrapRegionSecret("terrane-region/eu-central-1", wrapped, "signing-key:checkpoint:1");
      expect(again.equals(secret)).toBe(true);
      await expect(
        kms().unwrapRegionSecret("terrane-region/eu-central-1", wrapped, "signing-key:checkpoint:2"),
      ).rejects.toThrow();
      await expect(
        kms().unwrapRegionSecret("terrane-region/other", wrapped, "signing-key:checkpoint:1"),
      ).rejects.toThrow();
      await expect(
        kms().unwrapRegionSecret("terrane-region/eu-central-1", flipByte(wrapped, -1), "signing-key:checkpoint:1"),
      ).rejects.toThrow();
    });

    it("serves many overlapping calls correctly", async () => {
      const v = await newVersion(kms());
      const keys = Array.from({ length: 40 }, () => randomBytes(32));
      const wrapped = await Promise.all(keys.map((k, i) => kms().wrap(v, k, `${context}:${i}`)));
      const back = await Promise.all(wrapped.map((w, i) => kms().unwrap(v, w, `${context}:${i}`)));
      expect(back).toEqual(keys);
    });
  });
}
