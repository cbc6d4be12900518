import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/platform/env";
import { regionSecretFile } from "@/platform/crypto/region-secret-file";

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

let cachedKey: Buffer | undefined;

/** The region's key-encryption key (32 bytes), from REGION_SEALING_KEY or the embedded region's file. */
function sealingKey(): Buffer {
  if (cachedKey) return cachedKey;
  const text = regionSecretFile("sealing-key", env().REGION_SEALING_KEY, "REGION_SEALING_KEY");
  const raw = Buffer.from(text, text.includes("-") || text.includes("_") ? "base64url" : "base64");
  // Any other length is hashed to 32 bytes rather than refused: operators paste what they have.
  cachedKey = raw.length === 32 ? raw : createHash("sha256").update(raw).digest();
  return cachedKey;
}

/**
 * AES-256-GCM under the region's key-encryption key. `context` is bound as associated data, so
 * a sealed value copied to another row or purpose does not open.
 * Layout: version(1) ‖ iv(12) ‖ tag(16) ‖ ciphertext.
 */
export function seal(plaintext: Buffer, context: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

export function unseal(sealed: Buffer, context: string): Buffer {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new Error("sealed value is malformed");
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", sealingKey(), iv);
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/**
 * A 32-byte key for one `purpose`, derived (HKDF-SHA256) from the region's key-encryption key:
 * for MACs the region must recompute later (a link it mailed) without storing a secret.
 */
export function derivedKey(purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", sealingKey(), Buffer.alloc(0), `terrane:derived:${purpose}`, 32));
}

/** For scripts that seed several regions in one process. */
export function forgetSealingKey(): void {
  cachedKey?.fill(0);
  cachedKey = undefined;
}
