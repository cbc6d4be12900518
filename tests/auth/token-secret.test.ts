import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateTokenSecret, hashTokenSecret, looksLikeTokenSecret } from "@/modules/identity/domain/token-secret";

describe("API token secrets", () => {
  it("are `trn_` + 256 random bits in base64url, with a 12-character display prefix", () => {
    const { secret, prefix, hash } = generateTokenSecret();
    expect(secret).toMatch(/^trn_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice(4), "base64url")).toHaveLength(32);
    expect(prefix).toBe(secret.slice(0, 12));
    expect(hash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(hash).not.toContain(secret.slice(4));
  });

  it("never repeat", () => {
    const secrets = new Set(Array.from({ length: 200 }, () => generateTokenSecret().secret));
    expect(secrets.size).toBe(200);
  });

  it("hash to SHA-256 hex, deterministically", () => {
    expect(hashTokenSecret("trn_abc")).toBe(createHash("sha256").update("trn_abc", "utf8").digest("hex"));
    expect(hashTokenSecret("trn_abc")).toMatch(/^[0-9a-f]{64}$/);
    expect(hashTokenSecret("trn_abc")).not.toBe(hashTokenSecret("trn_abd"));
  });

  it("looksLikeTokenSecret accepts generated secrets", () => {
    for (let i = 0; i < 20; i++) expect(looksLikeTokenSecret(generateTokenSecret().secret)).toBe(true);
  });

  it("looksLikeTokenSecret rejects junk", () => {
    const good = generateTokenSecret().secret;
    for (const junk of [
      "",
      "trn_",
      "trn_short",
      `${good}x`,
      good.slice(0, -1),
      good.replace("trn_", "TRN_"),
      good.replace("trn_", "tkn_"),
      ` ${good}`,
      `${good}\n`,
      `trn_${"a".repeat(42)}=`,
      `trn_${"+".repeat(43)}`,
      "Bearer " + good,
      "null",
    ]) {
      expect(looksLikeTokenSecret(junk), JSON.stringify(junk)).toBe(false);
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        expect(looksLikeTokenSecret(s)).toBe(/^trn_[A-Za-z0-9_-]{43}$/.test(s));
      }),
    );
  });
});
