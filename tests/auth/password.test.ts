import { describe, expect, it } from "vitest";
import { dummyPasswordHash, hashPassword, verifyPassword } from "@/modules/identity/domain/password";

describe("password hashing (scrypt)", () => {
  it("round-trips and is salted: the same password hashes differently each time", async () => {
    const [a, b] = await Promise.all([
      hashPassword("correct horse battery staple"),
      hashPassword("correct horse battery staple"),
    ]);
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toEqual(b);
    expect(a).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery staple", a)).toBe(true);
    expect(await verifyPassword("correct horse battery staple", b)).toBe(true);
  });

  it("rejects a wrong password, including near misses", async () => {
    const stored = await hashPassword("kq4m-7zpa-3xw2-hv9d");
    for (const attempt of ["kq4m-7zpa-3xw2-hv9D", "kq4m-7zpa-3xw2-hv9", "", " kq4m-7zpa-3xw2-hv9d"]) {
      expect(await verifyPassword(attempt, stored), attempt).toBe(false);
    }
  });

  it("treats Unicode-equivalent spellings as the same password (NFKC)", async () => {
    const stored = await hashPassword("caf\u00e9");
    expect(await verifyPassword("cafe\u0301", stored)).toBe(true);
  });

  it("rejects a tampered hash, salt or parameters", async () => {
    const stored = await hashPassword("s3cret-pass");
    const [scheme, n, r, p, salt, hash] = stored.split("$") as [string, string, string, string, string, string];
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    const tampered = [
      [scheme, n, r, p, salt, flip(hash)],
      [scheme, n, r, p, flip(salt), hash],
      [scheme, String(2 ** 16), r, p, salt, hash],
      // scrypt's output is a prefix of its longer outputs: a truncated hash must not verify.
      [scheme, n, r, p, salt, hash.slice(0, -4)],
      [scheme, n, r, p, salt, hash.slice(0, 2)],
    ];
    expect(await verifyPassword("s3cret-pass", stored)).toBe(true);
    for (const parts of tampered) expect(await verifyPassword("s3cret-pass", parts.join("$"))).toBe(false);
  });

  it("rejects unknown schemes and malformed stored values instead of throwing", async () => {
    const stored = await hashPassword("s3cret-pass");
    const [, , , , salt, hash] = stored.split("$");
    for (const value of [
      `scrypt$abc$8$1$${salt}$${hash}`,
      `scrypt$${2 ** 40}$8$1$${salt}$${hash}`,
      `scrypt$131072$8$1$${salt}$${hash}$extra`,
      stored.replace(/^scrypt/, "bcrypt"),
      "s3cret-pass",
      "",
      "scrypt$$$$$",
      "$2b$10$abcdefghijklmnopqrstuv",
    ]) {
      expect(await verifyPassword("s3cret-pass", value), value).toBe(false);
    }
  });

  it("the dummy hash used for unknown accounts verifies nothing a user would type", async () => {
    const dummy = await dummyPasswordHash();
    expect(dummy).toMatch(/^scrypt\$/);
    expect(await verifyPassword("", dummy)).toBe(false);
    expect(await verifyPassword("password", dummy)).toBe(false);
  });
});
