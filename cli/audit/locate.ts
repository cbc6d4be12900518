/**
 * When the leaves served do not add up to the signed checkpoint, find where and say what:
 *
 *  1. Where: the first leaf that differs from the signed tree. "The first k served leaves are
 *     the signed tree's first k" is monotone in k and checkable with the log's consistency
 *     proof from k to the checkpoint's size (the prefix root comes from the served leaves,
 *     the checkpoint root is signed), so a binary search needs about log2(n) proofs.
 *  2. What: the signed tree's own leaves around that point, each taken from an inclusion
 *     proof verified against the signed checkpoint, compared with the served ones: deleted,
 *     inserted, swapped, changed — or truncated when every served leaf is right but too few.
 *
 * This is diagnosis only: the verdict (integrity broken) is already certain when it runs, and
 * the proofs come from the same instance, so a dishonest instance can blur the location but
 * never turn the verdict around. Network trouble here just leaves the location unknown.
 */
import { CompactRange } from "../../modules/audit/domain/compact-range";
import { hashEquals, type Hash } from "../../modules/audit/domain/hash";
import { MemoryNodeStore, rootAt } from "../../modules/audit/domain/proofs";
import { verifyConsistency, verifyInclusion } from "../../modules/audit/domain/verify";
import type { AuditClient } from "./client";

export type Breakage =
  | { kind: "truncated"; served: number; size: number }
  | { kind: "leaf_deleted"; index: number }
  | { kind: "leaf_inserted"; index: number }
  | { kind: "leaves_reordered"; index: number; other: number; swapped: boolean }
  | { kind: "leaf_changed"; index: number }
  /** Not confirmed: only that leaves [0, verifiedPrefix) are right. */
  | { kind: "leaf_mismatch"; verifiedPrefix: number }
  | { kind: "unlocated" };

export interface ServedLeaves {
  /** Concatenated 32-byte leaf hashes, `count` of them. */
  readonly bytes: Buffer;
  readonly count: number;
}

const leafAt = (s: ServedLeaves, i: number): Hash | null =>
  i >= 0 && i < s.count ? s.bytes.subarray(i * 32, i * 32 + 32) : null;

function findLeaf(s: ServedLeaves, hash: Uint8Array, from: number): number {
  let at = from * 32;
  for (;;) {
    const hit = s.bytes.indexOf(hash, at);
    if (hit < 0 || hit >= s.count * 32) return -1;
    if (hit % 32 === 0) return hit / 32;
    at = hit + 1;
  }
}

export async function locateBreakage(
  client: AuditClient,
  served: ServedLeaves,
  checkpoint: { size: number; root: Buffer },
): Promise<Breakage | null> {
  const { size, root } = checkpoint;
  const store = new MemoryNodeStore();
  const range = CompactRange.empty();
  for (let i = 0; i < served.count; i++) range.append(leafAt(served, i)!, store.sink);

  // good(k): the first k served leaves are the signed tree's first k leaves.
  const good = async (k: number): Promise<boolean> => {
    if (k === 0) return true;
    const prefix = await rootAt(store, k);
    if (k === size) return hashEquals(prefix, root);
    const { proof } = await client.consistency(k, size);
    return verifyConsistency(k, size, prefix, root, proof);
  };

  const top = Math.min(served.count, size);
  if (served.count < size && (await good(served.count))) return { kind: "truncated", served: served.count, size };
  // Invariant: good(lo), !good(hi).
  let lo = 0;
  let hi = top;
  if (hi === 0) return { kind: "unlocated" }; // nothing served at all: nothing to compare
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (await good(mid)) lo = mid;
    else hi = mid;
  }
  const i = lo; // leaves [0, i) are right, leaf i is not

  const committedCache = new Map<number, Hash | null>();
  const committed = async (x: number): Promise<Hash | null> => {
    if (x < 0 || x >= size) return null;
    if (committedCache.has(x)) return committedCache.get(x)!;
    let h: Hash | null = null;
    try {
      const ans = await client.inclusion(x, size);
      if (verifyInclusion(ans.leafHash, x, size, ans.proof, root)) h = ans.leafHash;
    } catch {
      h = null;
    }
    committedCache.set(x, h);
    return h;
  };
  const eq = (a: Uint8Array | null, b: Uint8Array | null) => a !== null && b !== null && hashEquals(a, b);

  const si = leafAt(served, i);
  const si1 = leafAt(served, i + 1);
  const ci = await committed(i);
  // Leaves [0, i) are proven (a verified consistency proof, or i = 0). That leaf i differs is
  // only as good as the proofs that said so: confirm it with the signed tree's own leaf i.
  if (ci === null) return i === 0 ? { kind: "unlocated" } : { kind: "leaf_mismatch", verifiedPrefix: i };
  if (eq(si, ci)) return { kind: "unlocated" }; // the instance's proofs contradict each other
  const ci1 = await committed(i + 1);
  if (eq(si1, ci) && eq(si, ci1)) return { kind: "leaves_reordered", index: i, other: i + 1, swapped: true };
  const j = findLeaf(served, ci, i + 1); // where the signed entry i went, if anywhere
  if (eq(si, ci1))
    return j >= 0
      ? { kind: "leaves_reordered", index: i, other: j, swapped: false }
      : { kind: "leaf_deleted", index: i };
  if (eq(si1, ci)) return { kind: "leaf_inserted", index: i };
  if (j >= 0) return { kind: "leaves_reordered", index: i, other: j, swapped: eq(si, await committed(j)) };
  return { kind: "leaf_changed", index: i };
}

/** The problem in words, after "integrity broken: ". */
export function describeBreakage(b: Breakage, served: number, size: number): string {
  const count = served === size ? "" : ` (the log serves ${served} leaves for a checkpoint of ${size})`;
  switch (b.kind) {
    case "truncated":
      return `the log is truncated: it serves ${b.served} leaves but its signed checkpoint covers ${b.size} (entries ${b.served}..${b.size - 1} are missing)`;
    case "leaf_deleted":
      return `entry ${b.index} was deleted: the log serves the signed entry ${b.index + 1} in its place${count}`;
    case "leaf_inserted":
      return `an entry was inserted at ${b.index}: the signed entry ${b.index} now sits at ${b.index + 1}${count}`;
    case "leaves_reordered":
      return b.swapped
        ? `entries ${b.index} and ${b.other} were reordered (swapped)${count}`
        : `entries were reordered: the signed entry ${b.index} now sits at ${b.other}${count}`;
    case "leaf_changed":
      return `entry ${b.index} was changed: its leaf hash differs from the signed tree's (root mismatch)${count}`;
    case "leaf_mismatch":
      return `root mismatch at or after entry ${b.verifiedPrefix}: entries 0..${b.verifiedPrefix - 1} are proven to match the signed tree, but from there on neither the served leaves nor the log's own proofs match its signed checkpoint (stored tree nodes altered)${count}`;
    case "unlocated":
      return served === size
        ? `root mismatch: the ${size} leaves served do not hash to the signed root, and the log's own proofs do not verify against its signed checkpoint either (its tree was rebuilt), so the first altered entry cannot be located`
        : `the log serves ${served} leaves, but its signed checkpoint covers ${size}, and the log's own proofs do not verify against its signed checkpoint either`;
  }
}
