/**
 * Proof and root generation against an abstract store of complete-subtree hashes.
 *
 * The database layer keeps one row per complete aligned subtree (level, index) — the nodes the
 * appender reports — and implements `NodeReader`. Every proof element or root is then the
 * right fold of at most ~2·log2(n) stored nodes, fetched in ONE batched read: generation costs
 * O(log n) lookups and O(log n) hashes and never touches the leaves.
 *
 * Generation follows the RFC 9162 §2.1.3.1 / §2.1.4.1 recursions (see tree-math.ts); the
 * independent §2.1.3.2 / §2.1.4.2 verifiers in verify.ts check the results in the tests.
 */
import { EMPTY_ROOT, HASH_SIZE, isHash, nodeHash, type Hash } from "./hash";
import {
  assertCount,
  consistencyProofRanges,
  inclusionProofRanges,
  rangeNodes,
  type LeafRange,
  type NodeId,
} from "./tree-math";
import type { StoredNode } from "./compact-range";

/** Read access to stored complete-subtree hashes. */
export interface NodeReader {
  /**
   * The hashes of the given nodes, in the same order. Every id asked for is a complete subtree
   * of a tree the caller says exists; a missing node is a storage fault and must reject.
   */
  readNodes(ids: readonly NodeId[]): Promise<readonly Uint8Array[]>;
}

/**
 * An in-memory NodeReader: for tests, the CLI's full recomputation, and small tools. Each level
 * is one growable byte slab (node i at offset 32·i) rather than a Buffer per node: a million-leaf
 * tree is two million hashes, and two million small objects cost the garbage collector far more
 * than the hashing that produced them.
 */
export class MemoryNodeStore implements NodeReader {
  readonly #slabs: Buffer[] = [];
  readonly #present: Uint8Array[] = [];

  put(level: number, index: number, hash: Uint8Array): void {
    if (!isHash(hash)) throw new RangeError("node hashes must be 32 bytes");
    assertCount(level, "level");
    assertCount(index, "index");
    let slab = this.#slabs[level] ?? Buffer.alloc(0);
    let present = this.#present[level] ?? new Uint8Array(0);
    if (index >= present.length) {
      const capacity = Math.max(1024, present.length * 2, index + 1);
      const grown = Buffer.alloc(capacity * HASH_SIZE);
      slab.copy(grown);
      const grownPresent = new Uint8Array(capacity);
      grownPresent.set(present);
      slab = grown;
      present = grownPresent;
      this.#slabs[level] = slab;
      this.#present[level] = present;
    }
    slab.set(hash, index * HASH_SIZE);
    present[index] = 1;
  }

  putAll(nodes: Iterable<StoredNode>): void {
    for (const n of nodes) this.put(n.level, n.index, n.hash);
  }

  /** A copy of the stored hash, or undefined. */
  get(level: number, index: number): Hash | undefined {
    if (this.#present[level]?.[index] !== 1) return undefined;
    return Buffer.from(this.#slabs[level]!.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE));
  }

  /** A sink for CompactRange.append that stores every completed node. */
  readonly sink = (level: number, index: number, hash: Hash): void => this.put(level, index, hash);

  async readNodes(ids: readonly NodeId[]): Promise<Hash[]> {
    return ids.map(({ level, index }) => {
      const h = this.get(level, index);
      if (!h) throw new Error(`node store has no node at level ${level}, index ${index}`);
      return h;
    });
  }
}

/** Right fold: H(h0, H(h1, … H(h_{k-2}, h_{k-1}))) — the hash of a tiled right-edge range. */
function foldRight(hashes: readonly Uint8Array[]): Hash {
  let r: Hash = Buffer.from(hashes[hashes.length - 1]!);
  for (let i = hashes.length - 2; i >= 0; i--) r = nodeHash(hashes[i]!, r);
  return r;
}

/** Fetches all nodes for a list of ranges in one read and folds each range to its hash. */
async function hashRanges(reader: NodeReader, ranges: readonly LeafRange[]): Promise<Hash[]> {
  const perRange = ranges.map((r) => rangeNodes(r.start, r.end));
  const ids = perRange.flat();
  const got = ids.length === 0 ? [] : await reader.readNodes(ids);
  if (got.length !== ids.length) throw new Error("node store returned the wrong number of nodes");
  for (const h of got) if (!isHash(h)) throw new Error("node store returned a malformed hash");
  let at = 0;
  return perRange.map((nodes) => {
    const slice = got.slice(at, at + nodes.length);
    at += nodes.length;
    return foldRight(slice);
  });
}

/** Root of the tree's first `size` leaves (any size up to what the store holds). */
export async function rootAt(reader: NodeReader, size: number): Promise<Hash> {
  assertCount(size, "size");
  if (size === 0) return Buffer.from(EMPTY_ROOT);
  const [root] = await hashRanges(reader, [{ start: 0, end: size }]);
  return root!;
}

/** RFC 9162 §2.1.3.1 inclusion proof for leaf `index` in the tree of `size` leaves. */
export async function inclusionProof(reader: NodeReader, index: number, size: number): Promise<Hash[]> {
  return hashRanges(reader, inclusionProofRanges(index, size));
}

/** RFC 9162 §2.1.4.1 consistency proof from size `m` to size `n` (0 < m ≤ n; empty if m = n). */
export async function consistencyProof(reader: NodeReader, m: number, n: number): Promise<Hash[]> {
  return hashRanges(reader, consistencyProofRanges(m, n));
}

/** The node ids a proof needs, for a store that wants to prefetch or cache them. */
export function inclusionProofNodeIds(index: number, size: number): NodeId[] {
  return inclusionProofRanges(index, size).flatMap((r) => rangeNodes(r.start, r.end));
}

export function consistencyProofNodeIds(m: number, n: number): NodeId[] {
  return consistencyProofRanges(m, n).flatMap((r) => rangeNodes(r.start, r.end));
}
