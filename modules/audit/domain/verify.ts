/**
 * Proof verification, transcribed step by step from RFC 9162 §2.1.3.2 (inclusion) and
 * §2.1.4.2 (consistency). These run on an auditor's machine with nothing but a signed
 * checkpoint, so they are deliberately independent of the generation code in `proofs.ts`:
 * a bug there cannot be masked by a matching bug here.
 *
 * Every function answers a plain boolean (or null for "no root") and never throws on hostile
 * input: malformed proofs, wrong lengths, absurd sizes are all simply "not verified".
 */
import { EMPTY_ROOT, hashEquals, isHash, nodeHash, type Hash } from "./hash";

function isCount(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
}

const odd = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);

/**
 * The root implied by an inclusion proof, or null when the proof's shape is wrong for
 * (index, size). RFC 9162 §2.1.3.2 steps 1–5, minus the final comparison.
 */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
): Hash | null {
  if (!isHash(leafHash) || !isCount(index) || !isCount(size)) return null;
  // 1. leaf_index must be below tree_size.
  if (index >= size) return null;
  // 2. fn = leaf_index, sn = tree_size - 1.  3. r = hash.
  let fn = index;
  let sn = size - 1;
  let r: Hash = Buffer.from(leafHash);
  // 4. For each p in inclusion_path:
  for (const p of proof) {
    if (!isHash(p)) return null;
    // a. If sn is 0, stop and fail (the proof is longer than the path).
    if (sn === 0) return null;
    // b. If LSB(fn) is set, or fn == sn: p is a left sibling.
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      // If LSB(fn) was not set, we were on the right edge with no right sibling: climb until
      // we are a right child again or reach the top.
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    // c. Right-shift both once.
    fn = half(fn);
    sn = half(sn);
  }
  // 5. sn must have reached 0 (the proof was not too short).
  return sn === 0 ? r : null;
}

/** RFC 9162 §2.1.3.2: does `proof` show `leafHash` at `index` in the tree (size, root)? */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isHash(root)) return false;
  const r = rootFromInclusionProof(leafHash, index, size, proof);
  return r !== null && hashEquals(r, root);
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show the tree (size1, root1) is a prefix of (size2, root2)?
 *
 * The RFC defines proofs only for 0 < size1 < size2. The remaining cases are settled here the
 * way every log client settles them, so callers need no special-casing:
 *  - size1 == size2: consistent iff the proof is empty and the roots are equal;
 *  - size1 == 0: the empty tree is a prefix of every tree, iff the proof is empty and root1 is
 *    the empty-tree hash (and root2 too when size2 is also 0).
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isCount(size1) || !isCount(size2) || !isHash(root1) || !isHash(root2)) return false;
  if (size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && hashEquals(root1, root2);
  if (size1 === 0) return proof.length === 0 && hashEquals(root1, EMPTY_ROOT);
  for (const c of proof) if (!isHash(c)) return false;

  // 1. An empty consistency_path fails.
  if (proof.length === 0) return false;
  // 2. If first is an exact power of 2, prepend first_hash to the path.
  const path: readonly Uint8Array[] = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  // 3. fn = first - 1, sn = second - 1.
  let fn = size1 - 1;
  let sn = size2 - 1;
  // 4. If LSB(fn) is set, right-shift both until it is not.
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5. fr = sr = first value of the path.
  let fr: Hash = Buffer.from(path[0]!);
  let sr: Hash = Buffer.from(path[0]!);
  // 6. For each subsequent value c:
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    // a. If sn is 0, stop and fail.
    if (sn === 0) return false;
    // b. If LSB(fn) is set or fn == sn, c is a left sibling of both paths.
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      // Otherwise c is a right sibling that only exists in the second tree.
      sr = nodeHash(sr, c);
    }
    // c. Right-shift both once.
    fn = half(fn);
    sn = half(sn);
  }
  // 7. fr must equal first_hash, sr second_hash, and sn must be 0.
  return sn === 0 && hashEquals(fr, root1) && hashEquals(sr, root2);
}

function isPowerOfTwo(n: number): boolean {
  while (n > 1 && n % 2 === 0) n /= 2;
  return n === 1;
}
