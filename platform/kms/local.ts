import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { seal, unseal } from "@/platform/crypto/sealing";
import type { CreatedVersion, KeyVersionMaterial, KeyVersionRef, KmsProvider } from "@/platform/kms/provider";

/**
 * The software KMS of the embedded default. Each CMK version is 32 random bytes sealed under
 * the region master key (REGION_SEALING_KEY, or the embedded region's key file), bound to the
 * region, key and version, so sealed material copied to another region or version is useless.
 */
export class LocalKms implements KmsProvider {
  readonly kind = "local";

  constructor(private readonly region: string) {}

  private context(ref: KeyVersionRef): string {
    return `terrane:cmk:${this.region}:${ref.keyRef}:${ref.keyId}:${ref.version}:${ref.versionId}`;
  }

  async createVersion(ref: KeyVersionRef): Promise<CreatedVersion> {
    const material = randomBytes(32);
    const sealedMaterial = seal(material, this.context(ref));
    material.fill(0);
    return { handle: `local:${ref.versionId}`, sealedMaterial };
  }

  private material(version: KeyVersionMaterial): Buffer {
    if (!version.sealedMaterial) throw new Error("this key version has been destroyed");
    return unseal(version.sealedMaterial, this.context(version));
  }

  async wrap(version: KeyVersionMaterial, dataKey: Buffer, context: string): Promise<Buffer> {
    const key = this.material(version);
    try {
      return gcmEncrypt(key, dataKey, context);
    } finally {
      key.fill(0);
    }
  }

  async unwrap(version: KeyVersionMaterial, wrapped: Buffer, context: string): Promise<Buffer> {
    const key = this.material(version);
    try {
      return gcmDecrypt(key, wrapped, context);
    } finally {
      key.fill(0);
    }
  }

  async destroyVersion(): Promise<void> {
    // The sealed material lives only in the version row; the caller clears it.
  }

  async wrapRegionSecret(keyRef: string, secret: Buffer, context: string): Promise<Buffer> {
    return seal(secret, `terrane:region-secret:${this.region}:${keyRef}:${context}`);
  }

  async unwrapRegionSecret(keyRef: string, wrapped: Buffer, context: string): Promise<Buffer> {
    return unseal(wrapped, `terrane:region-secret:${this.region}:${keyRef}:${context}`);
  }
}

/** iv(12) ‖ ciphertext ‖ tag(16), with `context` as associated data. */
export function gcmEncrypt(key: Buffer, plaintext: Buffer, context: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

export function gcmDecrypt(key: Buffer, wrapped: Buffer, context: string): Buffer {
  if (wrapped.length < 28) throw new Error("wrapped key is malformed");
  const decipher = createDecipheriv("aes-256-gcm", key, wrapped.subarray(0, 12));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(wrapped.subarray(wrapped.length - 16));
  return Buffer.concat([decipher.update(wrapped.subarray(12, wrapped.length - 16)), decipher.final()]);
}
