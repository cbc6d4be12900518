/**
 * Exhaustive and randomised checks of proof generation (store-backed, tree-math.ts/proofs.ts)
 * against the RFC 9162 definitions (reference*, literal recursions) and the RFC 9162
 * verification algorithms (verify.ts), which share no code with generation.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CompactRange,
  MemoryNodeStore,
  consistencyProof,
  inclusionProof,
  leafHash,
  nodeHash,
  referenceConsistencyProof,
  referenceInclusionProof,
  referenceRoot,
  rootAt,
  rootOfLeafHashes,
  verifyConsistency,
  verifyInclusion,
  type Hash,
  type NodeId,
  type NodeReader,
} from "@/modules/audit/domain/merkle";

function leafOf(i: number): Hash {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(i));
  return leafHash(b);
}

function flipped(proof: readonly Hash[], i: number, bit: number): Hash[] {
  const copy = proof.map((p) => Buffer.from(p));
  const el = copy[i]!;
  el[bit >> 3] = el[bit >> 3]! ^ (1 << (bit & 7));
  return copy;
}

function storeOf(leaves: readonly Hash[]): MemoryNodeStore {
  const store = new MemoryNodeStore();
  const range = CompactRange.empty();
  for (const l of leaves) range.append(l, store.sink);
  return store;
}

const SMALL = 128;
const leaves = Array.from({ length: 2 * SMALL }, (_, i) => leafOf(i));
const store = storeOf(leaves);
// roots[n] is the naive MTH of the first n leaves (up to 2·SMALL, for the wrong-size probes).
const roots = [Buffer.alloc(0), ...Array.from({ length: 2 * SMALL }, (_, i) => referenceRoot(leaves.slice(0, i + 1)))];

// The RFC 9162 recursions once more, over leaf ranges with memoised MTH, so that comparing all
// ~16k proofs against the definitions stays fast. (referenceInclusionProof and
// referenceConsistencyProof are the same definitions over arrays; spot-checked below.)
const memo = new Map<number, Hash>();
function mth(lo: number, hi: number): Hash {
  if (hi - lo === 1) return leaves[lo]!;
  const key = lo * 1024 + hi;
  let h = memo.get(key);
  if (!h) {
    const k = 2 ** Math.floor(Math.log2(hi - lo - 1)); // largest power of two < n
    h = nodeHash(mth(lo, lo + k), mth(lo + k, hi));
    memo.set(key, h);
  }
  return h;
}
function path(m: number, lo: number, hi: number): Hash[] {
  if (hi - lo === 1) return [];
  const k = 2 ** Math.floor(Math.log2(hi - lo - 1));
  return m < lo + k ? [...path(m, lo, lo + k), mth(lo + k, hi)] : [...path(m, lo + k, hi), mth(lo, lo + k)];
}
function subproof(m: number, lo: number, hi: number, b: boolean): Hash[] {
  if (m === hi - lo) return b ? [] : [mth(lo, hi)];
  const k = 2 ** Math.floor(Math.log2(hi - lo - 1));
  return m <= k
    ? [...subproof(m, lo, lo + k, b), mth(lo + k, hi)]
    : [...subproof(m - k, lo + k, hi, false), mth(lo, lo + k)];
}

describe(`every tree size 1..${SMALL}`, () => {
  // Hundreds of thousands of checks: collect failures and assert once (expect() per check
  // would dominate the run time).
  const same = (a: readonly Uint8Array[], b: readonly Uint8Array[]) =>
    a.length === b.length && a.every((x, k) => Buffer.compare(x, b[k]!) === 0);

  it("roots from the node store equal the naive MTH", async () => {
    for (let n = 1; n <= SMALL; n++) {
      expect(await rootAt(store, n), `size ${n}`).toEqual(roots[n]);
      expect(mth(0, n), `memoised MTH, size ${n}`).toEqual(roots[n]);
    }
  });

  it("every inclusion proof equals PATH(m, D[n]), verifies, and every tampering fails", async () => {
    const failures: string[] = [];
    const mustFail = (ok: boolean, what: string) => ok && failures.push(what);
    for (let n = 1; n <= SMALL; n++) {
      const root = roots[n]!;
      for (let i = 0; i < n; i++) {
        const at = `leaf ${i} of ${n}`;
        const proof = await inclusionProof(store, i, n);
        if (!same(proof, path(i, 0, n))) failures.push(`${at}: differs from PATH`);
        if (n % 17 === 0 && !same(proof, referenceInclusionProof(leaves.slice(0, n), i)))
          failures.push(`${at}: differs from reference`);
        const leaf = leaves[i]!;
        if (!verifyInclusion(leaf, i, n, proof, root)) failures.push(`${at}: does not verify`);
        // Wrong index, wrong leaf.
        if (i > 0) mustFail(verifyInclusion(leaf, i - 1, n, proof, root), `${at}: index - 1`);
        if (i + 1 < n) mustFail(verifyInclusion(leaf, i + 1, n, proof, root), `${at}: index + 1`);
        mustFail(verifyInclusion(leaves[(i + 1) % SMALL]!, i, n, proof, root), `${at}: wrong leaf`);
        // Wrong size. A root does not encode its tree's size (a right-edge subtree can pass for
        // an interior node), so size and root always come together from one signed checkpoint;
        // the attack to rule out is a proof for size n accepted for another real tree head.
        for (const other of [n - 1, n + 1, 2 * n, Math.floor(n / 2)]) {
          if (other > i && other !== n)
            mustFail(verifyInclusion(leaf, i, other, proof, roots[other]!), `${at}: size ${other}`);
        }
        // Truncated and extended proofs.
        if (proof.length > 0) mustFail(verifyInclusion(leaf, i, n, proof.slice(0, -1), root), `${at}: truncated`);
        mustFail(verifyInclusion(leaf, i, n, [...proof, root], root), `${at}: extended`);
        mustFail(verifyInclusion(leaf, i, n, [root, ...proof], root), `${at}: prefixed`);
        // A flipped bit in every element (a different bit each time; all 256 get covered).
        for (let j = 0; j < proof.length; j++) {
          mustFail(
            verifyInclusion(leaf, i, n, flipped(proof, j, (i * 31 + j * 7 + n) % 256), root),
            `${at}: flip in ${j}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("every consistency proof m → n equals PROOF(m, D[n]), verifies, and every tampering fails", async () => {
    const failures: string[] = [];
    const mustFail = (ok: boolean, what: string) => ok && failures.push(what);
    for (let n = 1; n <= SMALL; n++) {
      for (let m = 1; m <= n; m++) {
        const at = `${m} → ${n}`;
        const proof = await consistencyProof(store, m, n);
        if (!same(proof, subproof(m, 0, n, true))) failures.push(`${at}: differs from PROOF`);
        if (n % 17 === 0 && !same(proof, referenceConsistencyProof(leaves.slice(0, n), m)))
          failures.push(`${at}: differs from reference`);
        const r1 = roots[m]!;
        const r2 = roots[n]!;
        if (!verifyConsistency(m, n, r1, r2, proof)) failures.push(`${at}: does not verify`);
        if (m === n) {
          if (proof.length !== 0) failures.push(`${at}: not empty`);
          continue;
        }
        // Wrong sizes, each with that size's real root (see the inclusion test on why).
        for (const [a, b] of [
          [m - 1, n],
          [m + 1, n],
          [m, n + 1],
          [m, n - 1],
          [m, 2 * n],
        ] as const) {
          if (a >= 1 && a <= b && !(a === m && b === n)) {
            mustFail(verifyConsistency(a, b, roots[a]!, roots[b]!, proof), `${at}: as ${a} → ${b}`);
          }
        }
        mustFail(verifyConsistency(m, n, r2, r1, proof), `${at}: swapped roots`);
        mustFail(verifyConsistency(m, n, roots[m === 1 ? 2 : m - 1]!, r2, proof), `${at}: wrong old root`);
        mustFail(verifyConsistency(m, n, r1, r2, proof.slice(0, -1)), `${at}: truncated`);
        mustFail(verifyConsistency(m, n, r1, r2, [...proof, r2]), `${at}: extended`);
        mustFail(verifyConsistency(m, n, r1, r2, [r1, ...proof]), `${at}: prefixed`);
        for (let j = 0; j < proof.length; j++) {
          mustFail(
            verifyConsistency(m, n, r1, r2, flipped(proof, j, (m * 17 + j * 5 + n) % 256)),
            `${at}: flip in ${j}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("random larger trees (1,000–100,000 leaves)", () => {
  const BIG = 100_000;
  const bigLeaves = Array.from({ length: BIG }, (_, i) => leafOf(i));
  const bigStore = storeOf(bigLeaves);

  it("inclusion proofs from the store verify against an independently computed root", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1000, max: BIG }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }))),
        async ([n, i]) => {
          const root = rootOfLeafHashes(bigLeaves.slice(0, n));
          expect(await rootAt(bigStore, n)).toEqual(root);
          const proof = await inclusionProof(bigStore, i, n);
          expect(verifyInclusion(bigLeaves[i]!, i, n, proof, root)).toBe(true);
          expect(verifyInclusion(bigLeaves[i]!, i, n, flipped(proof, proof.length - 1, 0), root)).toBe(false);
          expect(verifyInclusion(bigLeaves[i]!, (i + 1) % n, n, proof, root)).toBe(n === 1);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("consistency proofs from the store verify between independently computed roots", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1000, max: BIG }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n))),
        async ([m, n]) => {
          const r1 = rootOfLeafHashes(bigLeaves.slice(0, m));
          const r2 = rootOfLeafHashes(bigLeaves.slice(0, n));
          const proof = await consistencyProof(bigStore, m, n);
          expect(verifyConsistency(m, n, r1, r2, proof)).toBe(true);
          if (m < n) expect(verifyConsistency(m, n, r1, r2, flipped(proof, 0, 255))).toBe(false);
        },
      ),
      { numRuns: 12 },
    );
  });
});

/**
 * A virtual tree far beyond 2^32 leaves, to prove the index arithmetic never falls back on
 * JavaScript's 32-bit bit operators. Leaf i is leafOf(i mod 16), so every aligned subtree of
 * 16 or more leaves at a given level has the same hash and any node is computable in O(level).
 */
class PeriodicTree implements NodeReader {
  readonly #byLevel: Hash[] = [];
  node(level: number, index: number): Hash {
    if (level <= 4) {
      const span = 2 ** level;
      const first = (index * span) % 16;
      return referenceRoot(Array.from({ length: span }, (_, k) => leafOf(first + k)));
    }
    return (this.#byLevel[level] ??= nodeHash(this.node(level - 1, 0), this.node(level - 1, 0)));
  }
  async readNodes(ids: readonly NodeId[]): Promise<Hash[]> {
    return ids.map(({ level, index }) => this.node(level, index));
  }
}

describe("sizes beyond 32 bits", () => {
  const tree = new PeriodicTree();
  const cases: [number, number][] = [
    [2 ** 32 + 5, 2 ** 32 + 3],
    [2 ** 33 + 12_345, 2 ** 32 + 17],
    [2 ** 40 + 1, 2 ** 40],
    [2 ** 52 + 987_654_321, 2 ** 51 + 3],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1],
    [Number.MAX_SAFE_INTEGER, 0],
  ];

  it.each(cases)("inclusion in a tree of %d leaves, index %d", async (n, i) => {
    const root = await rootAt(tree, n);
    const proof = await inclusionProof(tree, i, n);
    expect(proof.length).toBeLessThanOrEqual(53);
    expect(verifyInclusion(leafOf(i % 16), i, n, proof, root)).toBe(true);
    expect(verifyInclusion(leafOf(i % 16), i, n, flipped(proof, 0, 7), root)).toBe(false);
  });

  it.each([
    [2 ** 32 + 3, 2 ** 33 + 12_345],
    [2 ** 40, 2 ** 40 + 1],
    [12_345, 2 ** 52 + 987_654_321],
    [2 ** 52 + 1, Number.MAX_SAFE_INTEGER],
  ])("consistency %d → %d", async (m, n) => {
    const proof = await consistencyProof(tree, m, n);
    expect(verifyConsistency(m, n, await rootAt(tree, m), await rootAt(tree, n), proof)).toBe(true);
    expect(verifyConsistency(m, n, await rootAt(tree, m), await rootAt(tree, n), flipped(proof, 0, 1))).toBe(false);
  });
});
