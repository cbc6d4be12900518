/**
 * The incremental appender: for every size 1..300, in random batches, resuming from stored
 * state between batches exactly as the database layer will, the root equals the naive MTH
 * and the nodes it hands over for storage are exactly the complete subtrees, each correct.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CompactRange,
  EMPTY_ROOT,
  MemoryNodeStore,
  frontierNodes,
  leafHash,
  referenceRoot,
  rootOfLeafHashes,
  type Hash,
  type StoredNode,
} from "@/modules/audit/domain/merkle";

const N = 300;
const leaves: Hash[] = Array.from({ length: N }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
const naive: Hash[] = Array.from({ length: N + 1 }, (_, n) => referenceRoot(leaves.slice(0, n)));

/** Deterministic PRNG (mulberry32) so a failure names a reproducible seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Integrates leaves [0, n) in the given batch sizes. Before each batch it reloads the frontier
 * from the node store (as the database layer will after a restart), so only stored nodes and
 * never the old leaves feed the next batch.
 */
async function integrate(
  n: number,
  batches: number[],
): Promise<{ root: Hash; nodes: StoredNode[]; roots: Map<number, Hash> }> {
  const store = new MemoryNodeStore();
  const nodes: StoredNode[] = [];
  const roots = new Map<number, Hash>();
  let size = 0;
  for (const b of batches) {
    const take = Math.min(b, n - size);
    if (take === 0) break;
    const hashes = await store.readNodes(frontierNodes(size));
    const range = CompactRange.fromFrontier({ size, hashes });
    const added = range.appendAll(leaves.slice(size, size + take));
    store.putAll(added);
    nodes.push(...added);
    size += take;
    expect(range.size).toBe(size);
    roots.set(size, range.root());
  }
  if (size !== n) throw new Error("batches did not cover n");
  return { root: roots.get(n)!, nodes, roots };
}

function randomBatches(n: number, next: () => number): number[] {
  const out: number[] = [];
  for (let left = n; left > 0;) {
    const b = 1 + Math.floor(next() * Math.min(left, 1 + Math.floor(next() * 40)));
    out.push(b);
    left -= b;
  }
  return out;
}

describe("CompactRange", () => {
  it("the empty tree's root is SHA-256 of the empty string", () => {
    expect(CompactRange.empty().root()).toEqual(EMPTY_ROOT);
    expect(rootOfLeafHashes([])).toEqual(EMPTY_ROOT);
  });

  it(`agrees with the naive root for every size 1..${N}, in random batches, resuming from stored nodes`, async () => {
    const next = rng(0x7e44a9e);
    for (let n = 1; n <= N; n++) {
      const { root, roots } = await integrate(n, randomBatches(n, next));
      expect(root.equals(naive[n]!), `size ${n}`).toBe(true);
      for (const [size, r] of roots) expect(r.equals(naive[size]!), `intermediate size ${size} of ${n}`).toBe(true);
    }
  });

  it("hands over exactly the complete aligned subtrees, each with its correct hash, once", async () => {
    const next = rng(42);
    for (const n of [1, 2, 3, 7, 8, 9, 100, 255, 256, 257, N]) {
      const { nodes } = await integrate(n, randomBatches(n, next));
      const seen = new Set<string>();
      for (const node of nodes) {
        const key = `${node.level}/${node.index}`;
        expect(seen.has(key), `duplicate ${key}`).toBe(false);
        seen.add(key);
        const span = 2 ** node.level;
        expect((node.index + 1) * span).toBeLessThanOrEqual(n); // complete
        expect(node.hash.equals(referenceRoot(leaves.slice(node.index * span, (node.index + 1) * span))), key).toBe(
          true,
        );
      }
      // Σ_levels ⌊n / 2^level⌋ complete subtrees exist; all must have been reported.
      let expected = 0;
      for (let span = 1; span <= n; span *= 2) expected += Math.floor(n / span);
      expect(nodes.length, `size ${n}`).toBe(expected);
    }
  });

  it("any batch split gives the same root and nodes (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: N }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 30 }),
        async (n, sizes) => {
          const batches = [...sizes];
          const covered = sizes.reduce((a, b) => a + b, 0);
          if (covered < n) batches.push(n - covered);
          const { root, nodes } = await integrate(n, batches);
          expect(root.equals(naive[n]!)).toBe(true);
          const one = CompactRange.empty().appendAll(leaves.slice(0, n));
          const key = (x: StoredNode) => `${x.level}/${x.index}/${x.hash.toString("hex")}`;
          expect(nodes.map(key).sort()).toEqual(one.map(key).sort());
        },
      ),
      { numRuns: 60 },
    );
  });

  it("frontier() round-trips through fromFrontier and rejects state of the wrong shape", () => {
    const range = CompactRange.empty();
    leaves.slice(0, 13).forEach((l) => range.append(l));
    const state = range.frontier();
    expect(state.hashes).toHaveLength(3); // 13 = 8 + 4 + 1
    const resumed = CompactRange.fromFrontier(state);
    resumed.append(leaves[13]!);
    expect(resumed.root().equals(naive[14]!)).toBe(true);
    expect(() => CompactRange.fromFrontier({ size: 13, hashes: state.hashes.slice(1) })).toThrow(RangeError);
    expect(() => CompactRange.fromFrontier({ size: 13, hashes: [...state.hashes.slice(1), Buffer.alloc(31)] })).toThrow(
      RangeError,
    );
    expect(() => CompactRange.fromFrontier({ size: -1, hashes: [] })).toThrow(RangeError);
    expect(() => range.append(Buffer.alloc(33))).toThrow(RangeError);
  });

  it("does not alias the caller's leaf buffers", () => {
    const mine = Buffer.from(leaves[0]!);
    const range = CompactRange.empty();
    range.append(mine);
    mine.fill(0);
    expect(range.root().equals(leaves[0]!)).toBe(true);
  });
});
