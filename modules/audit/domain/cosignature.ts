/**
 * C2SP tlog-cosignature (c2sp.org/tlog-cosignature), Ed25519 "cosignature/v1": a witness's
 * statement that, as of a time, this checkpoint is the largest consistent tree head it has seen
 * for the log. It is attached to the checkpoint note as one more signature line.
 *
 * From the spec:
 *   key ID     = SHA-256(<name> ‖ "\n" ‖ 0x04 ‖ 32-byte Ed25519 public key)[:4]
 *   signature  = timestamped_signature { u64 timestamp (big-endian); opaque ed25519[64] }
 *                so the line carries base64(key ID[4] ‖ timestamp[8] ‖ signature[64]) — 76 bytes
 *   timestamp  = POSIX seconds, MUST NOT exceed 2^63 − 1
 *   message    = "cosignature/v1\n" ‖ "time " <timestamp, decimal, no leading zeros> "\n"
 *                ‖ the whole checkpoint note text (extension lines included, no signature lines)
 *
 * The Ed25519 message does not commit to the witness name, so each witness needs its own key.
 */
import * as crypto from "node:crypto";
import { parseCheckpoint, type Checkpoint } from "./checkpoint";
import { MAX_UINT63 } from "./encoding";
import {
  NoteError,
  computeKeyId,
  isValidKeyName,
  parseNote,
  signNote,
  verifyNote,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
} from "./note";
import { ed25519PublicKeyFromRaw, ed25519RawPublicKey, ed25519Verify } from "./ed25519";

export const SIG_TYPE_COSIGNATURE_V1 = 0x04;

/** Length of a cosignature/v1 signature after the key ID: 8-byte timestamp + 64-byte Ed25519. */
export const COSIGNATURE_V1_SIZE = 72;

/** The exact bytes a cosignature/v1 signs. */
export function cosignatureMessage(timestamp: bigint, checkpointText: string): Buffer {
  if (timestamp < 0n || timestamp > MAX_UINT63) throw new RangeError("timestamp must be in [0, 2^63-1]");
  return Buffer.from(`cosignature/v1\ntime ${timestamp.toString()}\n${checkpointText}`, "utf8");
}

/** The timestamp (POSIX seconds) inside a cosignature/v1 signature, or null if malformed. */
export function cosignatureTimestamp(signature: Uint8Array): bigint | null {
  if (signature.byteLength !== COSIGNATURE_V1_SIZE) return null;
  const t = Buffer.from(signature.buffer, signature.byteOffset, 8).readBigUInt64BE(0);
  return t <= MAX_UINT63 ? t : null;
}

function unixNow(): bigint {
  return BigInt(Math.floor(Date.now() / 1000));
}

/**
 * A note signer producing cosignature/v1 signatures. `now` supplies the timestamp (POSIX
 * seconds) for each signature; it defaults to the system clock. The text it is asked to sign
 * must be a checkpoint.
 */
export function cosignatureSigner(name: string, privateKey: crypto.KeyObject, now: () => bigint = unixNow): NoteSigner {
  if (privateKey.type !== "private" || privateKey.asymmetricKeyType !== "ed25519") {
    throw new TypeError("expected an Ed25519 private key");
  }
  if (!isValidKeyName(name)) throw new NoteError("invalid-signer", `invalid key name "${name}"`);
  const keyId = computeKeyId(name, SIG_TYPE_COSIGNATURE_V1, ed25519RawPublicKey(privateKey));
  return {
    name,
    keyId,
    type: SIG_TYPE_COSIGNATURE_V1,
    sign(text) {
      const body = text.toString("utf8");
      parseCheckpoint(body); // a witness only ever vouches for checkpoints
      const t = now();
      const ts = Buffer.alloc(8);
      ts.writeBigUInt64BE(t);
      return Buffer.concat([ts, crypto.sign(null, cosignatureMessage(t, body), privateKey)]);
    },
  };
}

/** A note verifier for one witness's cosignature/v1 signatures (type 0x04). */
export function cosignatureVerifier(name: string, publicKey: crypto.KeyObject | Uint8Array): NoteVerifier {
  if (!isValidKeyName(name)) throw new NoteError("invalid-signer", `invalid key name "${name}"`);
  const key = publicKey instanceof Uint8Array ? ed25519PublicKeyFromRaw(publicKey) : publicKey;
  const keyId = computeKeyId(name, SIG_TYPE_COSIGNATURE_V1, ed25519RawPublicKey(key));
  return {
    name,
    keyId,
    type: SIG_TYPE_COSIGNATURE_V1,
    verify(text, signature) {
      const t = cosignatureTimestamp(signature);
      if (t === null) return false;
      const body = text.toString("utf8");
      try {
        parseCheckpoint(body);
      } catch {
        return false;
      }
      return ed25519Verify(key, cosignatureMessage(t, body), signature.subarray(8));
    },
  };
}

/**
 * Adds a witness cosignature to a checkpoint note. The witness first verifies the log's own
 * signature with `logVerifiers` (checking consistency with the last checkpoint it saw is the
 * caller's job: see verifyConsistency). Existing signature lines are kept verbatim; an older
 * cosignature by the same witness key is replaced. Throws NoteError / CheckpointError.
 */
export function cosignCheckpoint(
  note: string,
  witness: { name: string; privateKey: crypto.KeyObject; timestamp?: bigint | number },
  logVerifiers: readonly NoteVerifier[],
): { note: string; checkpoint: Checkpoint; timestamp: bigint } {
  const opened = verifyNote(note, logVerifiers);
  const checkpoint = parseCheckpoint(opened.text);
  const timestamp = witness.timestamp === undefined ? unixNow() : BigInt(witness.timestamp);
  const signer = cosignatureSigner(witness.name, witness.privateKey, () => timestamp);
  const { text, signatures } = parseNote(note);
  return { note: signNote(text, [signer], signatures), checkpoint, timestamp };
}

export interface VerifiedCosignature {
  readonly name: string;
  readonly keyId: number;
  /** When the witness cosigned, in POSIX seconds. */
  readonly timestamp: bigint;
}

/**
 * Verifies a cosigned checkpoint: the log's signature (required) and the cosignatures of the
 * given witnesses (those present; unknown signature lines are ignored, per the note spec).
 * With `now`, cosignatures dated more than `maxFutureSeconds` (default 300) ahead are refused.
 * Throws NoteError / CheckpointError; returns which witnesses vouched for it, and when.
 */
export function verifyCosignedCheckpoint(
  note: string | Uint8Array,
  logVerifiers: readonly NoteVerifier[],
  witnessVerifiers: readonly NoteVerifier[],
  options: { now?: bigint | number; maxFutureSeconds?: number } = {},
): { checkpoint: Checkpoint; log: readonly NoteSignature[]; cosignatures: readonly VerifiedCosignature[] } {
  if (logVerifiers.some((v) => v.type === SIG_TYPE_COSIGNATURE_V1)) {
    throw new TypeError("a witness (cosignature) key cannot act as the log's key");
  }
  if (witnessVerifiers.some((v) => v.type !== SIG_TYPE_COSIGNATURE_V1)) {
    throw new TypeError("witness keys must be cosignature/v1 (type 0x04) keys");
  }
  const opened = verifyNote(note, [...logVerifiers, ...witnessVerifiers]);
  const isLog = (s: NoteSignature) => logVerifiers.some((v) => v.name === s.name && v.keyId === s.keyId);
  const log = opened.verified.filter(isLog);
  if (log.length === 0) throw new NoteError("unverified", "checkpoint is not signed by the log");
  const checkpoint = parseCheckpoint(opened.text);
  const cosignatures = opened.verified
    .filter((s) => !isLog(s))
    .map((s) => {
      const timestamp = cosignatureTimestamp(s.signature);
      // Unreachable for our verifiers (they reject other lengths); kept for custom ones.
      if (timestamp === null) throw new NoteError("malformed", `signature by ${s.name} is not a cosignature/v1`);
      return { name: s.name, keyId: s.keyId, timestamp };
    });
  if (options.now !== undefined) {
    const limit = BigInt(options.now) + BigInt(options.maxFutureSeconds ?? 300);
    const late = cosignatures.find((c) => c.timestamp > limit);
    if (late) throw new NoteError("invalid-signature", `cosignature by ${late.name} is dated in the future`);
  }
  return { checkpoint, log, cosignatures };
}
