/**
 * Ed25519 for signed notes (signature type 0x01, c2sp.org/signed-note "Ed25519 signatures"),
 * over Node KeyObjects: the region's checkpoint key signs with ed25519Signer, anyone holding
 * the public key verifies with ed25519Verifier. Also the raw-key conversions the text key
 * formats need (RFC 8032 32-byte public keys and seeds).
 */
import * as crypto from "node:crypto";
import { NoteError, SIG_TYPE_ED25519, computeKeyId, isValidKeyName, type NoteSigner, type NoteVerifier } from "./note";

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410): lets Node import a bare seed.
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/** A private KeyObject from a 32-byte Ed25519 seed (the form Go's note keys store). */
export function ed25519PrivateKeyFromSeed(seed: Uint8Array): crypto.KeyObject {
  if (seed.byteLength !== 32) throw new RangeError("an Ed25519 seed is 32 bytes");
  return crypto.createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" });
}

/** A public KeyObject from the 32-byte RFC 8032 encoding. */
export function ed25519PublicKeyFromRaw(raw: Uint8Array): crypto.KeyObject {
  if (raw.byteLength !== 32) throw new RangeError("an Ed25519 public key is 32 bytes");
  const jwk = { kty: "OKP", crv: "Ed25519", x: Buffer.from(raw).toString("base64url") };
  return crypto.createPublicKey({ key: jwk, format: "jwk" });
}

/** The 32-byte RFC 8032 encoding of an Ed25519 public key (from a public or private KeyObject). */
export function ed25519RawPublicKey(key: crypto.KeyObject): Buffer {
  const pub = key.type === "private" ? crypto.createPublicKey(key) : key;
  if (pub.asymmetricKeyType !== "ed25519") throw new TypeError("not an Ed25519 key");
  const jwk = pub.export({ format: "jwk" });
  return Buffer.from(jwk.x ?? "", "base64url");
}

function requireEd25519Private(key: crypto.KeyObject): void {
  if (key.type !== "private" || key.asymmetricKeyType !== "ed25519")
    throw new TypeError("expected an Ed25519 private key");
}

/** Raw Ed25519 verification that answers false (never throws) on malformed input. */
export function ed25519Verify(publicKey: crypto.KeyObject, message: Buffer, signature: Buffer): boolean {
  if (signature.length !== 64) return false;
  try {
    return crypto.verify(null, message, publicKey, signature);
  } catch {
    return false;
  }
}

/** A note signer for plain Ed25519 signatures (type 0x01): the region's checkpoint key. */
export function ed25519Signer(name: string, privateKey: crypto.KeyObject): NoteSigner {
  requireEd25519Private(privateKey);
  if (!isValidKeyName(name)) throw new NoteError("invalid-signer", `invalid key name "${name}"`);
  const keyId = computeKeyId(name, SIG_TYPE_ED25519, ed25519RawPublicKey(privateKey));
  return { name, keyId, type: SIG_TYPE_ED25519, sign: (text) => crypto.sign(null, text, privateKey) };
}

/** A note verifier for plain Ed25519 signatures (type 0x01). */
export function ed25519Verifier(name: string, publicKey: crypto.KeyObject | Uint8Array): NoteVerifier {
  if (!isValidKeyName(name)) throw new NoteError("invalid-signer", `invalid key name "${name}"`);
  const key = publicKey instanceof Uint8Array ? ed25519PublicKeyFromRaw(publicKey) : publicKey;
  const keyId = computeKeyId(name, SIG_TYPE_ED25519, ed25519RawPublicKey(key));
  return { name, keyId, type: SIG_TYPE_ED25519, verify: (text, sig) => ed25519Verify(key, text, sig) };
}
