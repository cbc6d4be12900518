import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DekCache } from "@/modules/keys/server/dek-cache";

function clock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const zeroed = (b: Buffer) => b.every((x) => x === 0);

describe("DEK cache", () => {
  it("serves a key until its TTL, then forgets it and wipes it", () => {
    const c = clock();
    const cache = new DekCache(30_000, c.now);
    const key = randomBytes(32);
    const copy = Buffer.from(key);
    cache.set("dek-1", "cmk-1", key);
    c.advance(29_999);
    expect(cache.get("dek-1")?.equals(copy)).toBe(true);
    c.advance(1);
    expect(cache.get("dek-1")).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(zeroed(key)).toBe(true);
  });

  it("restarts the TTL when a key is set again", () => {
    const c = clock();
    const cache = new DekCache(1_000, c.now);
    cache.set("dek-1", "cmk-1", randomBytes(32));
    c.advance(900);
    cache.set("dek-1", "cmk-1", randomBytes(32));
    c.advance(900);
    expect(cache.get("dek-1")).toBeDefined();
  });

  it("wipes the buffer a new set() replaces", () => {
    const cache = new DekCache(1_000, clock().now);
    const first = randomBytes(32);
    cache.set("dek-1", "cmk-1", first);
    cache.set("dek-1", "cmk-1", randomBytes(32));
    expect(zeroed(first)).toBe(true);
  });

  it("dropKey drops and zeroes only that CMK's keys", () => {
    const cache = new DekCache(60_000, clock().now);
    const a1 = randomBytes(32);
    const a2 = randomBytes(32);
    const b1 = randomBytes(32);
    const b1Copy = Buffer.from(b1);
    cache.set("a1", "cmk-a", a1);
    cache.set("a2", "cmk-a", a2);
    cache.set("b1", "cmk-b", b1);
    expect(cache.dropKey("cmk-a")).toBe(2);
    expect(cache.get("a1")).toBeUndefined();
    expect(cache.get("a2")).toBeUndefined();
    expect(zeroed(a1) && zeroed(a2)).toBe(true);
    expect(cache.get("b1")?.equals(b1Copy)).toBe(true);
    expect(cache.size).toBe(1);
  });

  it("refuses (and wipes) a set() whose unwrap raced a drop of its CMK", () => {
    const cache = new DekCache(60_000, clock().now);
    const before = cache.generation("cmk-a");
    // The unwrap is in flight; the key is disabled meanwhile.
    cache.dropKey("cmk-a");
    const late = randomBytes(32);
    expect(cache.set("a1", "cmk-a", late, before)).toBe(false);
    expect(zeroed(late)).toBe(true);
    expect(cache.get("a1")).toBeUndefined();
    // Another CMK's generation is untouched; a fresh read after the drop is accepted.
    expect(cache.set("b1", "cmk-b", randomBytes(32), cache.generation("cmk-b"))).toBe(true);
    expect(cache.set("a1", "cmk-a", randomBytes(32), cache.generation("cmk-a"))).toBe(true);
    expect(cache.get("a1")).toBeDefined();
  });

  it("clear() forgets and wipes everything", () => {
    const cache = new DekCache(60_000, clock().now);
    const keys = [randomBytes(32), randomBytes(32)];
    keys.forEach((k, i) => cache.set(`d${i}`, `cmk-${i}`, k));
    cache.clear();
    expect(cache.size).toBe(0);
    expect(keys.every(zeroed)).toBe(true);
  });
});
