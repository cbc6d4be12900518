/**
 * C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the signed-note body a log signs.
 *
 *   <origin>\n            non-empty; Terrane uses "terrane/<region>"
 *   <tree size>\n         ASCII decimal, no leading zeros ("0" for the empty tree)
 *   <base64 root hash>\n  the RFC 6962/9162 root, 32 bytes, standard base64
 *   [<extension line>\n]* opaque, each non-empty (Terrane writes none)
 *
 * Parsing is strict: exactly one spelling of each value is accepted, so a checkpoint's bytes
 * (which are what get signed and cosigned) are determined by its values.
 */
import type * as crypto from "node:crypto";
import { decodeBase64Strict, encodeBase64, parseDecimalStrict, toText } from "./encoding";
import { HASH_SIZE } from "./hash";
import { signNote, verifyNote, type NoteSigner, type NoteVerifier, type OpenedNote } from "./note";
import { ed25519Signer } from "./ed25519";

export interface Checkpoint {
  readonly origin: string;
  /** Number of leaves. Limited to 2^53 − 1 here (the spec allows up to 2^63 − 1). */
  readonly size: number;
  /** The tree's root hash, 32 bytes. */
  readonly root: Buffer;
  /** Extension lines, without newlines. Terrane never writes any. */
  readonly extensions: readonly string[];
}

export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CheckpointError";
  }
}

/** Terrane's origin line (and log key name) for a region, e.g. "terrane/eu-central-1". */
export function terraneOrigin(region: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(region)) throw new CheckpointError(`not a region id: "${region}"`);
  return `terrane/${region}`;
}

const hasControl = (s: string) => /[\u0000-\u001F]/.test(s);
const isLine = (s: string) => s !== "" && !hasControl(s) && toText(s) !== null;

/** The checkpoint body text (ending in "\n") for the given values. */
export function formatCheckpoint(c: Checkpoint): string {
  if (!isLine(c.origin)) throw new CheckpointError("origin must be a non-empty single line");
  if (!Number.isSafeInteger(c.size) || c.size < 0)
    throw new CheckpointError("size must be a non-negative safe integer");
  if (!(c.root instanceof Uint8Array) || c.root.byteLength !== HASH_SIZE)
    throw new CheckpointError("root must be 32 bytes");
  for (const e of c.extensions) {
    if (!isLine(e)) throw new CheckpointError("extension lines must be non-empty single lines");
  }
  return [c.origin, String(c.size), encodeBase64(c.root), ...c.extensions].map((l) => `${l}\n`).join("");
}

/** Parses a checkpoint body (a note's text). Throws CheckpointError. */
export function parseCheckpoint(text: string): Checkpoint {
  if (toText(text) === null || !text.endsWith("\n")) {
    throw new CheckpointError("checkpoint must be valid Unicode ending in a newline");
  }
  const lines = text.slice(0, -1).split("\n");
  if (lines.length < 3) throw new CheckpointError("checkpoint needs origin, size and root lines");
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin === "" || hasControl(origin)) throw new CheckpointError("empty or invalid origin line");
  const size = parseDecimalStrict(sizeText);
  if (size === null) {
    throw new CheckpointError(`tree size "${sizeText}" is not a decimal without leading zeros, at most 2^63-1`);
  }
  if (size > BigInt(Number.MAX_SAFE_INTEGER)) throw new CheckpointError("tree sizes above 2^53-1 are not supported");
  const root = decodeBase64Strict(rootText);
  if (root === null || root.length !== HASH_SIZE) {
    throw new CheckpointError("root hash must be canonical base64 of 32 bytes");
  }
  for (const e of extensions)
    if (e === "" || hasControl(e)) throw new CheckpointError("extension lines must be non-empty");
  return { origin, size: Number(size), root, extensions };
}

/**
 * Signs a checkpoint as a signed note. Pass the region key as { name, privateKey } (the key
 * name SHOULD equal the origin) or any NoteSigner.
 */
export function signCheckpoint(c: Checkpoint, by: NoteSigner | { name: string; privateKey: crypto.KeyObject }): string {
  const signer = "sign" in by ? by : ed25519Signer(by.name, by.privateKey);
  return signNote(formatCheckpoint(c), [signer]);
}

/**
 * Verifies a checkpoint note against the log's key(s) (never witness keys: see
 * verifyCosignedCheckpoint for those) and parses it. With `origin`, also
 * requires that origin line (a verified checkpoint of another log is still the wrong log).
 * Throws NoteError or CheckpointError.
 */
export function openCheckpoint(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  options: { origin?: string } = {},
): { checkpoint: Checkpoint; note: OpenedNote } {
  // 0x04 is the cosignature type (cosignature.ts): a witness's line is not the log's signature.
  if (verifiers.some((v) => v.type === 0x04))
    throw new TypeError("a witness (cosignature) key cannot act as the log's key");
  const opened = verifyNote(note, verifiers);
  const checkpoint = parseCheckpoint(opened.text);
  if (options.origin !== undefined && checkpoint.origin !== options.origin) {
    throw new CheckpointError(`checkpoint is for origin "${checkpoint.origin}", expected "${options.origin}"`);
  }
  return { checkpoint, note: opened };
}
