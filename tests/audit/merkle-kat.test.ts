/**
 * Known-answer tests for the RFC 9162 tree.
 *
 * Vectors are copied from transparency-dev/merkle (the Go library behind Trillian and Tessera):
 *  - rfc6962/rfc6962_test.go  TestRFC6962Hasher: empty root, empty leaf, "L123456" leaf,
 *    node over the raw strings "N123" / "N456";
 *  - proof/verify_test.go: the 8-entry test tree (`leaves`), the roots of its prefixes
 *    (`roots`), `inclusionProofs` (leaf numbers there are 1-based) and `consistencyProofs`,
 *    and the corruption probes of `corruptInclusionProof` / `corruptConsistencyProof`.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CompactRange,
  EMPTY_ROOT,
  MemoryNodeStore,
  consistencyProof,
  inclusionProof,
  leafHash,
  referenceConsistencyProof,
  referenceInclusionProof,
  referenceRoot,
  rootAt,
  verifyConsistency,
  verifyInclusion,
} from "@/modules/audit/domain/merkle";

const h = (hex: string) => Buffer.from(hex, "hex");
const hexes = (bufs: readonly Uint8Array[]) => bufs.map((b) => Buffer.from(b).toString("hex"));

// verify_test.go `leaves`
const LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map(
  h,
);
// verify_test.go `roots`: roots[i] is the root of the first i+1 leaves.
const ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
// verify_test.go `inclusionProofs` (leaf converted to a 0-based index).
const INCLUSION = [
  { index: 0, size: 1, proof: [] as string[] },
  {
    index: 0,
    size: 8,
    proof: [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
  { index: 2, size: 3, proof: ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
  {
    index: 1,
    size: 5,
    proof: [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  },
];
// verify_test.go `consistencyProofs`
const CONSISTENCY = [
  { m: 1, n: 1, proof: [] as string[] },
  {
    m: 1,
    n: 8,
    proof: [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
  {
    m: 6,
    n: 8,
    proof: [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
  {
    m: 2,
    n: 5,
    proof: [
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  },
  {
    m: 6,
    n: 7,
    proof: [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
];
const SOME_HASH = h("abacaba000000000000000000000000000000000000000000060061e00123456");

const LEAF_HASHES = LEAVES.map((l) => leafHash(l));
const store = new MemoryNodeStore();
CompactRange.empty()
  .appendAll(LEAF_HASHES)
  .forEach((n) => store.put(n.level, n.index, n.hash));

describe("RFC 9162 hashing (rfc6962_test.go TestRFC6962Hasher)", () => {
  it("hashes the empty tree, leaves and interior nodes with the 0x00/0x01 prefixes", () => {
    expect(EMPTY_ROOT.toString("hex")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(leafHash(Buffer.alloc(0)).toString("hex")).toBe(
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    );
    expect(leafHash(Buffer.from("L123456")).toString("hex")).toBe(
      "395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56",
    );
    // The Go test hashes the raw 4-byte strings as children; our nodeHash only takes 32-byte
    // digests, so check the same definition by hand: SHA-256(0x01 ‖ "N123" ‖ "N456").
    const node = createHash("sha256").update(Buffer.from("014e3132334e343536", "hex")).digest("hex");
    expect(node).toBe("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb");
  });

  it("computes the roots of every prefix of the 8-leaf test tree", async () => {
    for (let n = 1; n <= 8; n++) {
      expect(referenceRoot(LEAF_HASHES.slice(0, n)).toString("hex"), `reference, size ${n}`).toBe(ROOTS[n - 1]);
      expect((await rootAt(store, n)).toString("hex"), `store, size ${n}`).toBe(ROOTS[n - 1]);
      const range = CompactRange.empty();
      LEAF_HASHES.slice(0, n).forEach((l) => range.append(l));
      expect(range.root().toString("hex"), `appender, size ${n}`).toBe(ROOTS[n - 1]);
    }
    expect(await rootAt(store, 0)).toEqual(EMPTY_ROOT);
  });
});

describe("inclusion proofs (verify_test.go inclusionProofs)", () => {
  it.each(INCLUSION)("leaf $index of $size: generated = vector, and verifies", async ({ index, size, proof }) => {
    expect(hexes(await inclusionProof(store, index, size))).toEqual(proof);
    expect(hexes(referenceInclusionProof(LEAF_HASHES.slice(0, size), index))).toEqual(proof);
    expect(verifyInclusion(LEAF_HASHES[index]!, index, size, proof.map(h), h(ROOTS[size - 1]!))).toBe(true);
  });

  it.each(INCLUSION.filter((v) => v.size > 1))(
    "leaf $index of $size: every corruption probe fails",
    ({ index, size, proof: hexProof }) => {
      const proof = hexProof.map(h);
      const root = h(ROOTS[size - 1]!);
      const leaf = LEAF_HASHES[index]!;
      const probes: [string, number, number, Uint8Array, Uint8Array, Uint8Array[]][] = [
        ["index - 1", index - 1, size, root, leaf, proof],
        ["index + 1", index + 1, size, root, leaf, proof],
        ["index ^ 2", index ^ 2, size, root, leaf, proof],
        ["size * 2", index, size * 2, root, leaf, proof],
        ["size / 2", index, Math.floor(size / 2), root, leaf, proof],
        ["wrong leaf", index, size, root, Buffer.from("WrongLeaf"), proof],
        ["empty root", index, size, EMPTY_ROOT, leaf, proof],
        ["random root", index, size, SOME_HASH, leaf, proof],
        ["trailing garbage", index, size, root, leaf, [...proof, Buffer.alloc(0)]],
        ["trailing root", index, size, root, leaf, [...proof, root]],
        ["preceding garbage", index, size, root, leaf, [Buffer.alloc(0), ...proof]],
        ["preceding root", index, size, root, leaf, [root, ...proof]],
        ["removed component", index, size, root, leaf, proof.slice(0, -1)],
        ["inserted component", index, size, root, leaf, [proof[0]!, SOME_HASH, ...proof.slice(1)]],
      ];
      proof.forEach((_, i) => {
        const bad = proof.map((p) => Buffer.from(p));
        bad[i]![0] = bad[i]![0]! ^ 8;
        probes.push([`modified proof[${i}] bit 3`, index, size, root, leaf, bad]);
      });
      for (const [desc, i, n, r, l, p] of probes) expect(verifyInclusion(l, i, n, p, r), desc).toBe(false);
    },
  );
});

describe("consistency proofs (verify_test.go consistencyProofs)", () => {
  it.each(CONSISTENCY)("$m → $n: generated = vector, and verifies", async ({ m, n, proof }) => {
    expect(hexes(await consistencyProof(store, m, n))).toEqual(proof);
    expect(hexes(referenceConsistencyProof(LEAF_HASHES.slice(0, n), m))).toEqual(proof);
    expect(verifyConsistency(m, n, h(ROOTS[m - 1]!), h(ROOTS[n - 1]!), proof.map(h))).toBe(true);
  });

  it.each(CONSISTENCY.filter((v) => v.proof.length > 0))(
    "$m → $n: every corruption probe fails",
    ({ m, n, proof: hexProof }) => {
      const proof = hexProof.map(h);
      const r1 = h(ROOTS[m - 1]!);
      const r2 = h(ROOTS[n - 1]!);
      const wrong = Buffer.from("WrongRoot");
      const probes: [string, number, number, Uint8Array, Uint8Array, Uint8Array[]][] = [
        ["size1 - 1", m - 1, n, r1, r2, proof],
        ["size1 + 1", m + 1, n, r1, r2, proof],
        ["size1 ^ 2", m ^ 2, n, r1, r2, proof],
        ["size2 * 2", m, n * 2, r1, r2, proof],
        ["size2 / 2", m, Math.floor(n / 2), r1, r2, proof],
        ["wrong root1", m, n, wrong, r2, proof],
        ["wrong root2", m, n, r1, wrong, proof],
        ["swapped roots", m, n, r2, r1, proof],
        ["empty proof", m, n, r1, r2, []],
        ["trailing garbage", m, n, r1, r2, [...proof, Buffer.alloc(0)]],
        ["trailing root1", m, n, r1, r2, [...proof, r1]],
        ["trailing root2", m, n, r1, r2, [...proof, r2]],
        ["preceding garbage", m, n, r1, r2, [Buffer.alloc(0), ...proof]],
        ["preceding root1", m, n, r1, r2, [r1, ...proof]],
        ["preceding root2", m, n, r1, r2, [r2, ...proof]],
        ["preceding proof[0]", m, n, r1, r2, [proof[0]!, ...proof]],
        ["truncated proof", m, n, r1, r2, proof.slice(0, -1)],
      ];
      proof.forEach((_, i) => {
        const bad = proof.map((p) => Buffer.from(p));
        bad[i]![0] = bad[i]![0]! ^ 16;
        probes.push([`modified proof[${i}] bit 4`, m, n, r1, r2, bad]);
      });
      for (const [desc, a, b, x, y, p] of probes) expect(verifyConsistency(a, b, x, y, p), desc).toBe(false);
    },
  );

  it("settles the degenerate sizes the RFC leaves to the client (verify_test.go TestVerifyConsistency)", () => {
    const r1 = SOME_HASH;
    const r2 = leafHash(Buffer.from("other"));
    expect(verifyConsistency(1, 1, r2, r2, [])).toBe(true);
    expect(verifyConsistency(1, 1, r1, r2, [])).toBe(false); // equal sizes, different roots
    expect(verifyConsistency(1, 1, EMPTY_ROOT, EMPTY_ROOT, [EMPTY_ROOT])).toBe(false); // non-empty proof
    expect(verifyConsistency(1, 0, r1, r2, [])).toBe(false); // time travel
    expect(verifyConsistency(2, 1, r1, r2, [])).toBe(false);
    expect(verifyConsistency(1, 2, r1, r2, [])).toBe(false); // empty proof
    expect(verifyConsistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, [])).toBe(true);
    expect(verifyConsistency(0, 5, EMPTY_ROOT, h(ROOTS[4]!), [])).toBe(true); // empty tree is everyone's prefix
    expect(verifyConsistency(0, 5, r1, h(ROOTS[4]!), [])).toBe(false); // …but only the real empty tree
    expect(verifyConsistency(0, 5, EMPTY_ROOT, h(ROOTS[4]!), [EMPTY_ROOT])).toBe(false);
  });
});
