/**
 * The audit log's Merkle tree (RFC 9162 §2.1), in one import.
 *
 *   hash.ts          leafHash, nodeHash, EMPTY_ROOT
 *   compact-range.ts CompactRange: append leaves, get the root and the new nodes to store
 *   proofs.ts        NodeReader + rootAt / inclusionProof / consistencyProof from stored nodes
 *   verify.ts        verifyInclusion / verifyConsistency (RFC 9162 §2.1.3.2 / §2.1.4.2)
 *   tree-math.ts     which stored nodes a root or proof needs
 *
 * This file also holds the *reference* definitions — the RFC's recursive MTH, PATH and PROOF
 * over an in-memory list of leaf hashes, transcribed literally. They are O(n) per call and
 * exist as the oracle the fast, store-backed code is tested against (and for tiny trees).
 */
import { EMPTY_ROOT, nodeHash, type Hash } from "./hash";
import { splitPoint } from "./tree-math";

export { EMPTY_ROOT, HASH_SIZE, hashEquals, isHash, leafHash, nodeHash, sha256, type Hash } from "./hash";
export { CompactRange, rootOfLeafHashes, type FrontierState, type NodeSink, type StoredNode } from "./compact-range";
export {
  MemoryNodeStore,
  consistencyProof,
  consistencyProofNodeIds,
  inclusionProof,
  inclusionProofNodeIds,
  rootAt,
  type NodeReader,
} from "./proofs";
export { rootFromInclusionProof, verifyConsistency, verifyInclusion } from "./verify";
export { frontierNodes, rangeNodes, type LeafRange, type NodeId } from "./tree-math";

/** RFC 9162 §2.1.1 MTH(D[n]) over leaf hashes, by the definition. */
export function referenceRoot(leaves: readonly Uint8Array[]): Hash {
  const n = leaves.length;
  if (n === 0) return Buffer.from(EMPTY_ROOT);
  if (n === 1) return Buffer.from(leaves[0]!);
  const k = splitPoint(n);
  return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]), by the definition. */
export function referenceInclusionProof(leaves: readonly Uint8Array[], m: number): Hash[] {
  const n = leaves.length;
  if (m < 0 || m >= n) throw new RangeError("index out of range");
  if (n === 1) return [];
  const k = splitPoint(n);
  return m < k
    ? [...referenceInclusionProof(leaves.slice(0, k), m), referenceRoot(leaves.slice(k))]
    : [...referenceInclusionProof(leaves.slice(k), m - k), referenceRoot(leaves.slice(0, k))];
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true), by the definition. */
export function referenceConsistencyProof(leaves: readonly Uint8Array[], m: number): Hash[] {
  if (m < 1 || m > leaves.length) throw new RangeError("old size out of range");
  return subproof(m, leaves, true);
}

function subproof(m: number, d: readonly Uint8Array[], b: boolean): Hash[] {
  const n = d.length;
  if (m === n) return b ? [] : [referenceRoot(d)];
  const k = splitPoint(n);
  return m <= k
    ? [...subproof(m, d.slice(0, k), b), referenceRoot(d.slice(k))]
    : [...subproof(m - k, d.slice(k), false), referenceRoot(d.slice(0, k))];
}
