/**
 * RFC 9162 §2.1.1 hashing primitives for the audit log's Merkle tree.
 *
 *   leaf hash     = SHA-256(0x00 ‖ leaf bytes)
 *   interior hash = SHA-256(0x01 ‖ left ‖ right)
 *   empty tree    = SHA-256("")
 *
 * The domain-separation bytes are what stop a leaf from being passed off as an interior node
 * (second-preimage attacks on the tree), so every caller goes through these two functions and
 * never hashes node material by hand.
 *
 * Pure, framework-free: usable from the server, the CLI and tests alike.
 */
import * as crypto from "node:crypto";

/** A SHA-256 digest. Always exactly 32 bytes. */
export type Hash = Buffer;

export const HASH_SIZE = 32;

// Hashing 32–65 bytes is dominated by the JavaScript→native call, not by SHA-256 itself, and a
// tree costs two such calls per leaf. `crypto.hash` (Node ≥ 20.12) skips createHash's Hash
// object; asking it for a "binary" (latin1) string and converting back (lossless) measured
// 1.5–3× faster on Node 20 than its "buffer" output, which takes a slow allocation path.
// The createHash fallback keeps the module working on runtimes without crypto.hash.
const oneShot: ((data: Buffer) => Buffer) | null =
  typeof crypto.hash === "function" ? (data) => Buffer.from(crypto.hash("sha256", data, "binary"), "binary") : null;

/** Plain SHA-256 of `data`. */
export function sha256(data: Uint8Array): Hash {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return oneShot ? oneShot(buf) : crypto.createHash("sha256").update(buf).digest();
}

// Scratch buffer for interior hashes. Hashing is synchronous and JavaScript single-threaded,
// so reusing one buffer is safe and avoids an allocation per node.
const nodeScratch = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeScratch[0] = 0x01;

/** The RFC 9162 hash of the tree with no leaves: SHA-256 of the empty string. */
export const EMPTY_ROOT: Hash = sha256(Buffer.alloc(0));

/** Leaf hash: SHA-256(0x00 ‖ bytes). `bytes` is the entry's canonical serialization. */
export function leafHash(bytes: Uint8Array): Hash {
  const buf = Buffer.allocUnsafe(1 + bytes.byteLength);
  buf[0] = 0x00;
  buf.set(bytes, 1);
  return sha256(buf);
}

/** Interior node hash: SHA-256(0x01 ‖ left ‖ right). Both children must be 32-byte hashes. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Hash {
  if (left.byteLength !== HASH_SIZE || right.byteLength !== HASH_SIZE) {
    throw new RangeError("nodeHash: children must be 32-byte hashes");
  }
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_SIZE);
  return sha256(nodeScratch);
}

/** True when `h` has the shape of a SHA-256 digest. */
export function isHash(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.byteLength === HASH_SIZE;
}

/** Constant-time equality for digests (roots and proofs are public, but it costs nothing). */
export function hashEquals(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && crypto.timingSafeEqual(a, b);
}
