/**
 * A reproducible sample of a population: lines drawn with SHA-256 in counter mode from a seed, so
 * anyone holding the seed re-draws the same lines (docs/evidence.md, "Samples").
 */
import { createHash, randomBytes } from "node:crypto";

export const SAMPLE_METHOD =
  "for k = 0, 1, 2, …: line = (first 8 bytes of SHA-256(`{seed}:{population}:{k}`) as an unsigned big-endian integer) mod rows + 1; lines already drawn are skipped; stop at min(size, rows) lines";

export const MAX_SAMPLE = 1000;

export function newSeed(): string {
  return randomBytes(32).toString("hex");
}

/** The 1-based line numbers drawn from a population of `rows` lines, in the order drawn. */
export function drawSample(seed: string, population: string, rows: number, size: number): number[] {
  const want = Math.min(size, rows);
  const drawn: number[] = [];
  const seen = new Set<number>();
  const total = BigInt(rows);
  for (let k = 0; drawn.length < want; k++) {
    const digest = createHash("sha256").update(`${seed}:${population}:${k}`, "utf8").digest();
    const line = Number(digest.readBigUInt64BE(0) % total) + 1;
    if (seen.has(line)) continue;
    seen.add(line);
    drawn.push(line);
  }
  return drawn;
}
