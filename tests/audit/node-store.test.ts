/**
 * The contract the database layer relies on: proofs and roots need O(log n) stored nodes,
 * fetched in a single batched read, and only complete subtrees are ever asked for.
 */
import { describe, expect, it } from "vitest";
import {
  CompactRange,
  MemoryNodeStore,
  consistencyProof,
  consistencyProofNodeIds,
  frontierNodes,
  inclusionProof,
  inclusionProofNodeIds,
  leafHash,
  rangeNodes,
  rootAt,
  type NodeId,
  type NodeReader,
} from "@/modules/audit/domain/merkle";

const N = 5000;
const store = new MemoryNodeStore();
const range = CompactRange.empty();
for (let i = 0; i < N; i++) range.append(leafHash(Buffer.from(String(i))), store.sink);

/** Wraps a reader, recording every call and refusing any node that is not a complete subtree of [0, size). */
function audited(inner: NodeReader, size: number) {
  const calls: NodeId[][] = [];
  const reader: NodeReader = {
    async readNodes(ids) {
      calls.push([...ids]);
      for (const { level, index } of ids) {
        if ((index + 1) * 2 ** level > size)
          throw new Error(`asked for incomplete node ${level}/${index} at size ${size}`);
      }
      return inner.readNodes(ids);
    },
  };
  return { reader, calls };
}

const log2ceil = (n: number) => Math.ceil(Math.log2(n));

describe("store-backed generation", () => {
  it("uses one batched read of at most 2·⌈log2 n⌉ complete nodes per proof or root", async () => {
    for (const n of [1, 2, 3, 1000, 1023, 1024, 1025, 4097, N]) {
      for (const i of [0, Math.floor(n / 3), n - 1]) {
        const { reader, calls } = audited(store, n);
        const proof = await inclusionProof(reader, i, n);
        expect(calls.length).toBeLessThanOrEqual(1);
        expect(calls.flat().length).toBeLessThanOrEqual(2 * log2ceil(n) + 1);
        expect(proof.length).toBeLessThanOrEqual(log2ceil(n));
        expect(inclusionProofNodeIds(i, n)).toEqual(calls.flat());
      }
      for (const m of [1, Math.ceil(n / 2), n]) {
        const { reader, calls } = audited(store, n);
        await consistencyProof(reader, m, n);
        expect(calls.length).toBeLessThanOrEqual(1);
        expect(calls.flat().length).toBeLessThanOrEqual(2 * log2ceil(n) + 2);
        expect(consistencyProofNodeIds(m, n)).toEqual(calls.flat());
      }
      const { reader, calls } = audited(store, n);
      await rootAt(reader, n);
      expect(calls).toEqual([frontierNodes(n)]);
    }
  });

  it("tiles ranges with aligned perfect subtrees, largest first", () => {
    expect(rangeNodes(0, 13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(rangeNodes(8, 13)).toEqual([
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(() => rangeNodes(4, 13)).toThrow(RangeError); // 4 is not aligned for a 9-leaf range
    expect(frontierNodes(0)).toEqual([]);
  });

  it("refuses impossible requests", async () => {
    await expect(inclusionProof(store, 5, 5)).rejects.toThrow(RangeError);
    await expect(inclusionProof(store, -1, 5)).rejects.toThrow(RangeError);
    await expect(inclusionProof(store, 0, 2.5)).rejects.toThrow(RangeError);
    await expect(consistencyProof(store, 0, 5)).rejects.toThrow(RangeError);
    await expect(consistencyProof(store, 6, 5)).rejects.toThrow(RangeError);
    await expect(rootAt(store, N + 1)).rejects.toThrow(/no node/);
  });

  it("propagates storage faults instead of producing a wrong proof", async () => {
    const short: NodeReader = { readNodes: async (ids) => (await store.readNodes(ids)).slice(1) };
    await expect(inclusionProof(short, 3, 100)).rejects.toThrow(/wrong number/);
    const broken: NodeReader = { readNodes: async (ids) => ids.map(() => Buffer.alloc(31)) };
    await expect(inclusionProof(broken, 3, 100)).rejects.toThrow(/malformed/);
  });
});

describe("MemoryNodeStore", () => {
  it("stores out of order, returns copies, and knows what it lacks", async () => {
    const s = new MemoryNodeStore();
    const h = (b: number) => Buffer.alloc(32, b);
    s.put(0, 5000, h(1));
    s.put(0, 3, h(2));
    s.put(7, 0, h(3));
    expect(s.get(0, 5000)).toEqual(h(1));
    expect(s.get(0, 3)).toEqual(h(2));
    expect(s.get(0, 4)).toBeUndefined();
    expect(s.get(1, 0)).toBeUndefined();
    s.get(0, 3)!.fill(9);
    expect(s.get(0, 3)).toEqual(h(2));
    await expect(s.readNodes([{ level: 0, index: 4 }])).rejects.toThrow(/no node/);
    expect(() => s.put(0, 0, Buffer.alloc(16))).toThrow(RangeError);
  });
});
