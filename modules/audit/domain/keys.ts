/**
 * Verifier keys ("vkeys") and signer keys, the text forms Go's sumdb/note and the C2SP tools
 * exchange:
 *
 *   verifier key  <name>+<key ID, 8 hex digits>+<base64(signature type ‖ public key)>
 *   signer key    PRIVATE+KEY+<name>+<key ID>+<base64(signature type ‖ 32-byte seed)>
 *
 * The key ID in the string must equal SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4], so a key
 * string cannot be re-labelled. Supported types: 0x01 (Ed25519 note signatures — a log's
 * checkpoint key) and 0x04 (Ed25519 cosignature/v1 — a witness key).
 */
import * as crypto from "node:crypto";
import { SIG_TYPE_COSIGNATURE_V1, cosignatureSigner, cosignatureVerifier } from "./cosignature";
import { decodeBase64Strict, encodeBase64 } from "./encoding";
import { NoteError, SIG_TYPE_ED25519, computeKeyId, isValidKeyName, type NoteSigner, type NoteVerifier } from "./note";
import { ed25519PrivateKeyFromSeed, ed25519RawPublicKey, ed25519Signer, ed25519Verifier } from "./ed25519";

export interface VerifierKey {
  readonly name: string;
  readonly keyId: number;
  /** Signature type byte: 0x01 or 0x04. */
  readonly type: number;
  /** The 32-byte Ed25519 public key (without the type byte). */
  readonly publicKey: Buffer;
}

const SUPPORTED = new Set([SIG_TYPE_ED25519, SIG_TYPE_COSIGNATURE_V1]);
const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, "0");

/** "<name>+<hex key ID>+<base64(type ‖ key)>" for a public key (KeyObject or 32 raw bytes). */
export function encodeVerifierKey(name: string, type: number, publicKey: crypto.KeyObject | Uint8Array): string {
  if (!isValidKeyName(name)) throw new NoteError("invalid-signer", `invalid key name "${name}"`);
  if (!SUPPORTED.has(type)) throw new RangeError(`unsupported signature type 0x${type.toString(16)}`);
  const raw = publicKey instanceof Uint8Array ? Buffer.from(publicKey) : ed25519RawPublicKey(publicKey);
  if (raw.length !== 32) throw new RangeError("an Ed25519 public key is 32 bytes");
  return `${name}+${hex8(computeKeyId(name, type, raw))}+${encodeBase64(Buffer.concat([Buffer.from([type]), raw]))}`;
}

/** Splits at the first "+", like Go's strings.Cut. */
function cut(s: string): [string, string] {
  const i = s.indexOf("+");
  return i < 0 ? [s, ""] : [s.slice(0, i), s.slice(i + 1)];
}

/**
 * Parses a verifier key as Go's note.NewVerifier does (name valid, 8 hex digits, key ID matching
 * the key) and additionally requires canonical base64 and a supported type. Throws NoteError.
 */
export function parseVerifierKey(vkey: string): VerifierKey {
  const [name, rest] = cut(vkey);
  const [hash, b64] = cut(rest);
  const bad = (why: string) => new NoteError("malformed", `malformed verifier key: ${why}`);
  if (!isValidKeyName(name)) throw bad("invalid name");
  if (!/^[0-9a-fA-F]{8}$/.test(hash)) throw bad("key ID must be 8 hex digits");
  const key = decodeBase64Strict(b64);
  if (key === null || key.length === 0) throw bad("key must be base64");
  const keyId = parseInt(hash, 16);
  if (keyId !== computeKeyId(name, key[0]!, key.subarray(1))) throw bad("key ID does not match the key");
  const type = key[0]!;
  if (!SUPPORTED.has(type)) throw bad(`unknown signature type 0x${type.toString(16)}`);
  if (key.length !== 33) throw bad("Ed25519 keys are 32 bytes");
  return { name, keyId, type, publicKey: key.subarray(1) };
}

/** A NoteVerifier from a verifier key: Ed25519 (0x01) or cosignature/v1 (0x04). */
export function verifierFromKey(vkey: string): NoteVerifier {
  const k = parseVerifierKey(vkey);
  return k.type === SIG_TYPE_ED25519 ? ed25519Verifier(k.name, k.publicKey) : cosignatureVerifier(k.name, k.publicKey);
}

export interface SignerKey {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  readonly privateKey: crypto.KeyObject;
}

/** Parses "PRIVATE+KEY+<name>+<hex ID>+<base64(type ‖ seed)>"; checks the ID against the key. */
export function parseSignerKey(skey: string): SignerKey {
  const [p1, r1] = cut(skey);
  const [p2, r2] = cut(r1);
  const [name, r3] = cut(r2);
  const [hash, b64] = cut(r3);
  const bad = (why: string) => new NoteError("malformed", `malformed signer key: ${why}`);
  if (p1 !== "PRIVATE" || p2 !== "KEY") throw bad("must start with PRIVATE+KEY+");
  if (!isValidKeyName(name) || !/^[0-9a-fA-F]{8}$/.test(hash)) throw bad("invalid name or key ID");
  const key = decodeBase64Strict(b64);
  if (key === null || key.length !== 33 || !SUPPORTED.has(key[0]!))
    throw bad("key must be a type byte and a 32-byte seed");
  const type = key[0]!;
  const privateKey = ed25519PrivateKeyFromSeed(key.subarray(1));
  const keyId = parseInt(hash, 16);
  if (keyId !== computeKeyId(name, type, ed25519RawPublicKey(privateKey))) throw bad("key ID does not match the key");
  return { name, keyId, type, privateKey };
}

/** A NoteSigner from a signer key. */
export function signerFromKey(skey: string): NoteSigner {
  const k = parseSignerKey(skey);
  return k.type === SIG_TYPE_ED25519 ? ed25519Signer(k.name, k.privateKey) : cosignatureSigner(k.name, k.privateKey);
}
