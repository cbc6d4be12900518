import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for one field of one record. The associated data binds tenant, table, record and
 * field, so a ciphertext copied into another record, field or tenant fails to decrypt.
 *
 * Layout: version(1) ‖ data key id(16, the DEK's UUID) ‖ iv(12) ‖ ciphertext ‖ tag(16).
 * Version 2 authenticates the header too (associated data = version ‖ data key id ‖ binding),
 * so a ciphertext whose data key id was altered does not decrypt. Version 1 (binding only) is
 * still read; rotation rewrites it as version 2.
 */
export const FIELD_CIPHER_VERSION = 2;
const LEGACY_VERSION = 1;
const HEADER = 1 + 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface FieldBinding {
  tenantId: string;
  table: string;
  recordId: string;
  field: string;
}

export function fieldAssociatedData(b: FieldBinding): Buffer {
  // Length-prefixed parts: no choice of ids can make two bindings collide.
  const parts = ["terrane-field/v1", b.tenantId, b.table, b.recordId, b.field].map((p) => Buffer.from(p, "utf8"));
  return Buffer.concat(parts.flatMap((p) => [u16(p.length), p]));
}

function u16(n: number): Buffer {
  if (n > 0xffff) throw new Error("binding part too long");
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

export function uuidToBytes(id: string): Buffer {
  const hex = id.replace(/-/g, "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error("data key id is not a UUID");
  return Buffer.from(hex, "hex");
}

function bytesToUuid(b: Buffer): string {
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function encryptField(
  key: Buffer,
  dataKeyId: string,
  binding: FieldBinding,
  plaintext: Buffer,
  iv = randomBytes(IV_BYTES),
): Buffer {
  if (key.length !== 32) throw new Error("field key must be 32 bytes");
  const header = Buffer.concat([Buffer.from([FIELD_CIPHER_VERSION]), uuidToBytes(dataKeyId)]);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.concat([header, fieldAssociatedData(binding)]));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, body, cipher.getAuthTag()]);
}

/** Which data key a field was encrypted under, without decrypting it. */
export function fieldDataKeyId(ciphertext: Buffer): string {
  const version = ciphertext[0];
  if (
    ciphertext.length < HEADER + IV_BYTES + TAG_BYTES ||
    (version !== FIELD_CIPHER_VERSION && version !== LEGACY_VERSION)
  ) {
    throw new FieldCipherError("The encrypted field is malformed.");
  }
  return bytesToUuid(ciphertext.subarray(1, HEADER));
}

export function decryptField(key: Buffer, binding: FieldBinding, ciphertext: Buffer): Buffer {
  fieldDataKeyId(ciphertext);
  const iv = ciphertext.subarray(HEADER, HEADER + IV_BYTES);
  const tag = ciphertext.subarray(ciphertext.length - TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  const header = ciphertext[0] === LEGACY_VERSION ? Buffer.alloc(0) : ciphertext.subarray(0, HEADER);
  decipher.setAAD(Buffer.concat([header, fieldAssociatedData(binding)]));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(ciphertext.subarray(HEADER + IV_BYTES, ciphertext.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new FieldCipherError("The encrypted field does not belong here or was altered.");
  }
}

export class FieldCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FieldCipherError";
  }
}
