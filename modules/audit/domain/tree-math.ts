/**
 * Index arithmetic for RFC 9162 Merkle trees, expressed over *complete aligned subtrees*.
 *
 * A node `{ level, index }` is the perfect subtree of 2^level leaves covering
 * [index·2^level, (index+1)·2^level). Such a node never changes once all its leaves exist, so
 * the store can persist it forever; every hash an RFC 9162 proof or root needs is either one of
 * these nodes or the right-fold of the O(log n) of them that tile a right-edge range.
 *
 * JavaScript bit operators truncate to 32 bits, so everything here uses division and remainder
 * and is exact for every safe integer (< 2^53) — far beyond any log this product will hold.
 * Nothing here hashes; it only says *which* nodes are needed, so a database layer can fetch
 * them in one round trip.
 */

export interface NodeId {
  /** Height of the subtree: 0 for a leaf hash, k for a perfect subtree of 2^k leaves. */
  readonly level: number;
  /** Position among the nodes of the same level, counted from the left. */
  readonly index: number;
}

/** A contiguous range of leaves [start, end). */
export interface LeafRange {
  readonly start: number;
  readonly end: number;
}

/** Throws unless `n` is a safe non-negative integer (the only tree sizes and indexes we accept). */
export function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative safe integer`);
}

/** The largest power of two strictly less than n (RFC 9162's split point k). Requires n > 1. */
export function splitPoint(n: number): number {
  if (n < 2) throw new RangeError("splitPoint: n must be at least 2");
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The complete aligned subtrees that tile [start, end), largest first, assuming `start` is a
 * multiple of a power of two at least as large as the range (true for every subtree the RFC 9162
 * recursion produces: left children are perfect, right children run to the tree's edge).
 * The hash of the range is the right fold of these nodes: H(n0, H(n1, … H(n_{k-2}, n_{k-1}))).
 */
export function rangeNodes(start: number, end: number): NodeId[] {
  const out: NodeId[] = [];
  let pos = start;
  let remaining = end - start;
  if (remaining <= 0) throw new RangeError("rangeNodes: empty range");
  let size = 1;
  let level = 0;
  while (size * 2 <= remaining) {
    size *= 2;
    level++;
  }
  for (; size >= 1; size /= 2, level--) {
    if (remaining >= size) {
      if (pos % size !== 0) throw new RangeError("rangeNodes: range start is not aligned");
      out.push({ level, index: pos / size });
      pos += size;
      remaining -= size;
    }
  }
  return out;
}

/**
 * The perfect subtrees whose hashes make up the right edge ("frontier", "compact range") of a
 * tree of `size` leaves — one per set bit of `size`, largest (leftmost) first. Loading exactly
 * these lets the appender continue a tree without rereading any leaf.
 */
export function frontierNodes(size: number): NodeId[] {
  assertCount(size, "size");
  return size === 0 ? [] : rangeNodes(0, size);
}

/**
 * RFC 9162 §2.1.3.1 PATH(m, D[n]) as leaf ranges, in proof order (leaf's sibling first, the
 * root's other child last). Each range's hash is one proof element.
 */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  assertCount(index, "index");
  assertCount(size, "size");
  if (index >= size) throw new RangeError(`index ${index} is not below tree size ${size}`);
  const topDown: LeafRange[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      // PATH(m, D[0:k]) : MTH(D[k:n])
      topDown.push({ start: lo + k, end: hi });
      hi = lo + k;
    } else {
      // PATH(m - k, D[k:n]) : MTH(D[0:k])
      topDown.push({ start: lo, end: lo + k });
      lo = lo + k;
    }
  }
  return topDown.reverse();
}

/**
 * RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true) as leaf ranges, in proof order.
 * Defined for 0 < m ≤ n; for m = n the proof is empty.
 */
export function consistencyProofRanges(m: number, n: number): LeafRange[] {
  assertCount(m, "old size");
  assertCount(n, "new size");
  if (m < 1 || m > n) throw new RangeError(`consistency proof needs 0 < old size ≤ new size (got ${m}, ${n})`);
  const topDown: LeafRange[] = [];
  let lo = 0;
  let hi = n;
  let mm = m;
  let complete = true; // SUBPROOF's flag b: is the old tree's root exactly this subtree?
  while (mm !== hi - lo) {
    const k = splitPoint(hi - lo);
    if (mm <= k) {
      // SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
      topDown.push({ start: lo + k, end: hi });
      hi = lo + k;
    } else {
      // SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
      topDown.push({ start: lo, end: lo + k });
      lo = lo + k;
      mm -= k;
      complete = false;
    }
  }
  // SUBPROOF(m, D[m], true) = {} ; SUBPROOF(m, D[m], false) = {MTH(D[m])}
  if (!complete) topDown.push({ start: lo, end: hi });
  return topDown.reverse();
}
