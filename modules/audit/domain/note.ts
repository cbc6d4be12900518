/**
 * C2SP signed notes (c2sp.org/signed-note), with the parsing and verification rules of Go's
 * golang.org/x/mod/sumdb/note `Open` and `Sign`, which every checkpoint tool interoperates with.
 *
 *   <text, ending in "\n">
 *   <blank line>
 *   — <key name> base64(uint32 key ID ‖ signature)      (em dash U+2014, then a space)
 *   …one or more signature lines, each ending in "\n"
 *
 * The signature covers the text including its final newline, not the blank line. Key ID =
 * first 4 bytes (big-endian uint32) of SHA-256(key name ‖ 0x0A ‖ signature type ‖ public key).
 * Signature type 0x01 is plain Ed25519 (ed25519.ts); 0x04 is the timestamped witness
 * cosignature (cosignature.ts). Verifier-key strings live in keys.ts.
 */
import * as crypto from "node:crypto";
import { decodeBase64Strict, encodeBase64, toText } from "./encoding";

export const SIG_TYPE_ED25519 = 0x01;

/** Go's note.Open refuses more signatures than this (the spec requires accepting ≥ 16). */
export const MAX_SIGNATURES = 100;

export type NoteErrorCode =
  | "malformed" // not a syntactically valid signed note
  | "invalid-signature" // a known key's signature failed: the whole note is rejected
  | "unverified" // well-formed, but no signature from a known key
  | "ambiguous-key" // two configured verifiers share name and key ID
  | "invalid-signer"; // asked to sign with an invalid key name

export class NoteError extends Error {
  constructor(
    readonly code: NoteErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "NoteError";
  }
}

/** Checks signatures by one key, identified by (name, key ID). */
export interface NoteVerifier {
  readonly name: string;
  /** uint32 key ID. */
  readonly keyId: number;
  /**
   * Signature type byte (0x01 Ed25519 note signature, 0x04 cosignature/v1). Lets callers keep
   * roles apart: a witness's cosignature must never be taken for the log's own signature.
   */
  readonly type: number;
  /** Whether `signature` (the bytes after the key ID) is valid for the note text `text`. */
  verify(text: Buffer, signature: Buffer): boolean;
}

/** Produces signatures with one key. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  /** The signature bytes (without the key ID) over the note text. */
  sign(text: Buffer): Buffer;
}

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The base64 exactly as it appears on the line: key ID ‖ signature. */
  readonly base64: string;
  /** The signature bytes after the 4-byte key ID. */
  readonly signature: Buffer;
}

export interface OpenedNote {
  /** The signed text, ending in "\n". Trust it only because `verified` is non-empty. */
  readonly text: string;
  /** Signatures from known keys, all verified. Never empty. */
  readonly verified: readonly NoteSignature[];
  /** Signatures from keys not configured (other witnesses, rotated keys): ignored. */
  readonly unverified: readonly NoteSignature[];
}

const SIG_PREFIX = "\u2014 "; // em dash, space

// Go's unicode.IsSpace: Latin-1 spaces (incl. U+0085, U+00A0) and the White_Space property.
const UNICODE_SPACE = /[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/;

/** Key names must be non-empty, with no Unicode spaces and no "+" (it delimits verifier keys). */
export function isValidKeyName(name: string): boolean {
  return name !== "" && !UNICODE_SPACE.test(name) && !name.includes("+") && toText(name) !== null;
}

/** Key ID = SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4], as a big-endian uint32. */
export function computeKeyId(name: string, sigType: number, publicKey: Uint8Array): number {
  const digest = crypto
    .createHash("sha256")
    .update(Buffer.from(name, "utf8"))
    .update(Buffer.from([0x0a, sigType]))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

/** The note text is valid when well-formed Unicode with no control characters except "\n". */
function hasForbiddenCharacters(s: string): boolean {
  return /[\u0000-\u0009\u000B-\u001F]/.test(s);
}

/**
 * Splits a note into text and signature lines, enforcing every syntactic rule of Go's
 * note.Open; no cryptography. Throws NoteError("malformed").
 */
export function parseNote(input: string | Uint8Array): { text: string; signatures: NoteSignature[] } {
  const msg = toText(input);
  const malformed = (why: string) => new NoteError("malformed", `malformed note: ${why}`);
  if (msg === null) throw malformed("not valid UTF-8");
  if (hasForbiddenCharacters(msg)) throw malformed("contains a control character");
  // The text is separated from the signatures by the LAST blank line (the text may hold more).
  const split = msg.lastIndexOf("\n\n");
  if (split < 0) throw malformed("no blank line before the signatures");
  const text = msg.slice(0, split + 1);
  const block = msg.slice(split + 2);
  if (block === "" || !block.endsWith("\n")) throw malformed("signature block must be non-empty and end in a newline");
  const signatures: NoteSignature[] = [];
  for (const line of block.slice(0, -1).split("\n")) {
    if (!line.startsWith(SIG_PREFIX)) throw malformed("signature line does not start with an em dash and a space");
    const rest = line.slice(SIG_PREFIX.length);
    const space = rest.indexOf(" ");
    const name = space < 0 ? rest : rest.slice(0, space);
    const b64 = space < 0 ? "" : rest.slice(space + 1);
    const raw = decodeBase64Strict(b64);
    if (!isValidKeyName(name) || b64 === "" || raw === null || raw.length < 5) {
      throw malformed(`bad signature line for "${name}"`);
    }
    if (signatures.length >= MAX_SIGNATURES) throw malformed(`more than ${MAX_SIGNATURES} signatures`);
    signatures.push({ name, keyId: raw.readUInt32BE(0), base64: b64, signature: raw.subarray(4) });
  }
  return { text, signatures };
}

/**
 * Opens a signed note: Go's note.Open semantics exactly.
 *  - Signatures whose (name, key ID) match no verifier are ignored (reported as unverified;
 *    identical repeated lines collapse into one).
 *  - A known key's signature is verified; if it fails the whole note is rejected.
 *  - Only the first signature of a known key counts; later ones by the same key are skipped.
 *  - At least one known signature must verify.
 * Throws NoteError.
 */
export function verifyNote(input: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures } = parseNote(input);
  const known = new Map<string, NoteVerifier[]>();
  for (const v of verifiers) {
    const k = `${v.keyId}:${v.name}`;
    known.set(k, [...(known.get(k) ?? []), v]);
  }
  const textBytes = Buffer.from(text, "utf8");
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  const seenUnverified = new Set<string>();
  for (const sig of signatures) {
    const k = `${sig.keyId}:${sig.name}`;
    const candidates = known.get(k);
    const hex = sig.keyId.toString(16).padStart(8, "0");
    if (!candidates) {
      const line = `${sig.name} ${sig.base64}`;
      if (!seenUnverified.has(line)) unverified.push(sig);
      seenUnverified.add(line);
      continue;
    }
    if (candidates.length > 1) throw new NoteError("ambiguous-key", `ambiguous key ${sig.name}+${hex}`);
    if (seen.has(k)) continue;
    seen.add(k);
    if (!safeVerify(candidates[0]!, textBytes, sig.signature)) {
      throw new NoteError("invalid-signature", `invalid signature for key ${sig.name}+${hex}`);
    }
    verified.push(sig);
  }
  if (verified.length === 0) throw new NoteError("unverified", "note has no verifiable signatures");
  return { text, verified, unverified };
}

function safeVerify(v: NoteVerifier, text: Buffer, sig: Buffer): boolean {
  try {
    return v.verify(text, sig) === true;
  } catch {
    return false;
  }
}

/**
 * Signs `text` (which must end in "\n") with each signer, as Go's note.Sign does: signatures in
 * `keep` come first, except those by a key that is signing now (the new one replaces it), then
 * the new signatures in signer order. Refuses to produce a note that verifyNote would reject.
 */
export function signNote(text: string, signers: readonly NoteSigner[], keep: readonly NoteSignature[] = []): string {
  if (!text.endsWith("\n") || toText(text) === null || hasForbiddenCharacters(text)) {
    throw new NoteError("malformed", "note text must be valid Unicode ending in a newline, without control characters");
  }
  if (signers.length + keep.length > MAX_SIGNATURES) throw new NoteError("malformed", "too many signatures");
  const textBytes = Buffer.from(text, "utf8");
  const signing = new Set<string>();
  const fresh: string[] = [];
  for (const s of signers) {
    if (!isValidKeyName(s.name)) throw new NoteError("invalid-signer", `invalid key name "${s.name}"`);
    signing.add(`${s.keyId}:${s.name}`);
    const id = Buffer.alloc(4);
    id.writeUInt32BE(s.keyId >>> 0);
    fresh.push(`${SIG_PREFIX}${s.name} ${encodeBase64(Buffer.concat([id, s.sign(textBytes)]))}\n`);
  }
  const kept: string[] = [];
  for (const sig of keep) {
    // Same order of checks as Go: a signature being replaced is dropped before its bytes are
    // looked at; any other must be well-formed and carry its own key ID.
    if (!isValidKeyName(sig.name))
      throw new NoteError("malformed", `cannot keep a signature by invalid name "${sig.name}"`);
    if (signing.has(`${sig.keyId}:${sig.name}`)) continue;
    const raw = decodeBase64Strict(sig.base64);
    if (raw === null || raw.length < 5 || raw.readUInt32BE(0) !== sig.keyId) {
      throw new NoteError("malformed", `cannot keep malformed signature by "${sig.name}"`);
    }
    kept.push(`${SIG_PREFIX}${sig.name} ${sig.base64}\n`);
  }
  return `${text}\n${kept.join("")}${fresh.join("")}`;
}
