/**
 * Incremental appender ("compact range" / frontier) for an RFC 9162 tree.
 *
 * A tree of n leaves is fully summarised, for appending, by the hashes of the perfect subtrees
 * on its right edge: one per set bit of n (at most 53 for any safe n). Appending a leaf pushes
 * it as a level-0 node and merges equal-height neighbours, exactly like incrementing a binary
 * counter; each merge completes one new perfect subtree, which is reported so the caller can
 * store it. Integrating a batch of b leaves therefore costs O(b) hashes amortised (≤ b + log n
 * hashes for the new nodes, plus O(log n) for the root) and never reads an old leaf.
 *
 * The root of the tree is the right fold of the frontier, which is the RFC 9162 MTH because
 * MTH splits at the largest power of two below n — i.e. at the frontier's largest subtree.
 */
import { EMPTY_ROOT, HASH_SIZE, isHash, nodeHash, type Hash } from "./hash";
import { assertCount, frontierNodes, type NodeId } from "./tree-math";

/** A newly completed perfect subtree: store it under (level, index); it never changes. */
export interface StoredNode extends NodeId {
  readonly hash: Hash;
}

/** Called for every completed node, level 0 (the leaf hash itself) included, in append order. */
export type NodeSink = (level: number, index: number, hash: Hash) => void;

/** What the database keeps to resume appending: the size and the frontier hashes. */
export interface FrontierState {
  readonly size: number;
  /** Hashes of `frontierNodes(size)`, largest subtree first. */
  readonly hashes: readonly Hash[];
}

export class CompactRange {
  #size: number;
  // Parallel stacks, bottom = leftmost (largest) subtree. Levels strictly decrease upward.
  readonly #hashes: Hash[];
  readonly #levels: number[];

  private constructor(size: number, hashes: Hash[], levels: number[]) {
    this.#size = size;
    this.#hashes = hashes;
    this.#levels = levels;
  }

  /** An empty tree. */
  static empty(): CompactRange {
    return new CompactRange(0, [], []);
  }

  /**
   * Resumes from stored state. `hashes` must be the hashes of `frontierNodes(size)` in that
   * order (fetch those node ids from the store); anything else is rejected.
   */
  static fromFrontier(state: FrontierState): CompactRange {
    assertCount(state.size, "size");
    const ids = frontierNodes(state.size);
    if (state.hashes.length !== ids.length) {
      throw new RangeError(
        `a tree of ${state.size} leaves has ${ids.length} frontier hashes, got ${state.hashes.length}`,
      );
    }
    for (const h of state.hashes) if (!isHash(h)) throw new RangeError("frontier hashes must be 32 bytes");
    return new CompactRange(
      state.size,
      state.hashes.map((h) => Buffer.from(h)),
      ids.map((id) => id.level),
    );
  }

  get size(): number {
    return this.#size;
  }

  /** The state to persist (or hand to `fromFrontier`) to continue later. */
  frontier(): FrontierState {
    return { size: this.#size, hashes: this.#hashes.map((h) => Buffer.from(h)) };
  }

  /** Appends one leaf hash; reports the leaf and every perfect subtree it completes. */
  append(leaf: Uint8Array, sink?: NodeSink): void {
    if (leaf.byteLength !== HASH_SIZE) throw new RangeError("append: leaf hashes must be 32 bytes");
    if (this.#size >= Number.MAX_SAFE_INTEGER) throw new RangeError("append: tree is full");
    const index = this.#size;
    // The caller's leaf is read (by nodeHash) before this returns; only a leaf left on the
    // stack is copied, so later mutation of the caller's buffer cannot corrupt the frontier.
    let hash: Hash = Buffer.isBuffer(leaf) ? leaf : Buffer.from(leaf);
    let level = 0;
    sink?.(0, index, hash);
    // Merge while the subtree below has the same height: the binary-counter carry.
    while (this.#levels.length > 0 && this.#levels[this.#levels.length - 1] === level) {
      this.#levels.pop();
      hash = nodeHash(this.#hashes.pop()!, hash);
      level++;
      // The merged subtree ends at leaf `index`, so its position at this level is:
      sink?.(level, Math.floor(index / 2 ** level), hash);
    }
    this.#hashes.push(level === 0 ? Buffer.from(hash) : hash);
    this.#levels.push(level);
    this.#size = index + 1;
  }

  /** Appends a batch, collecting the completed nodes (leaves included) to store. */
  appendAll(leaves: Iterable<Uint8Array>): StoredNode[] {
    const nodes: StoredNode[] = [];
    for (const leaf of leaves) this.append(leaf, (level, index, hash) => nodes.push({ level, index, hash }));
    return nodes;
  }

  /** The RFC 9162 root of the current tree: the right fold of the frontier. */
  root(): Hash {
    const n = this.#hashes.length;
    if (n === 0) return Buffer.from(EMPTY_ROOT);
    let r = this.#hashes[n - 1]!;
    for (let i = n - 2; i >= 0; i--) r = nodeHash(this.#hashes[i]!, r);
    return Buffer.from(r);
  }
}

/** The RFC 9162 Merkle Tree Hash of a list of leaf hashes, in O(n) time and O(log n) memory. */
export function rootOfLeafHashes(leaves: Iterable<Uint8Array>): Hash {
  const range = CompactRange.empty();
  for (const leaf of leaves) range.append(leaf);
  return range.root();
}
