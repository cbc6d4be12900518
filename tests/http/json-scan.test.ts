import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BadRequestError } from "@/platform/errors";
import { parseUntrustedJson } from "@/platform/http/body";
import { findExcessiveDepth, findUnsafeText, MAX_JSON_DEPTH, unsafeTextReason } from "@/platform/schema/json-scan";
import { queryCursor, queryInstant, queryInt } from "@/platform/schema/query";
import { safeText } from "@/platform/schema/safe-text";
import { createTokenSchema } from "@/modules/identity/api-schemas";

const nested = (depth: number, inner = "1") => "[".repeat(depth) + inner + "]".repeat(depth);

function refusal(text: string): BadRequestError {
  try {
    parseUntrustedJson(text);
  } catch (err) {
    if (err instanceof BadRequestError) return err;
    throw err;
  }
  throw new Error("accepted");
}

describe("JSON depth, checked on the text before JSON.parse", () => {
  it("accepts 64 levels and refuses 65 with the limit, the path and the offset", () => {
    expect(parseUntrustedJson(nested(MAX_JSON_DEPTH))).toBeDefined();
    const err = refusal(nested(MAX_JSON_DEPTH + 1));
    expect(err.code).toBe("json_too_deep");
    expect(err.status).toBe(400);
    expect(err.extra).toMatchObject({ max_depth: 64, offset: 64 });
    expect(err.message).toMatch(/deeper than 64/);
  });

  it("names where in the document the limit was passed", () => {
    const deep = nested(70, "{}");
    const text = `[{"a":1},{"run":{"facets":{"x y":${deep}}}}]`;
    const found = findExcessiveDepth(text);
    expect(found?.path).toMatch(/^\$\[1\]\.run\.facets\["x y"\](\[0\])+$/);
    expect(text[found!.offset]).toBe("[");
  });

  it("refuses a depth of 20,000 (which failed with a 500) and of 2,000 (which blocked the server), at once", () => {
    expect(refusal(nested(20_000)).code).toBe("json_too_deep");
    const batch = `[${Array.from({ length: 100 }, () => `{"eventTime":"x","run":${nested(2_000)}}`).join(",")}]`;
    expect(refusal(batch).code).toBe("json_too_deep");
  });

  it("ignores brackets in strings, honouring escapes", () => {
    const text = JSON.stringify({ s: "[".repeat(500) + '\\"[[[' + "{".repeat(500), t: ['"]]]', "\\"] });
    expect(findExcessiveDepth(text)).toBeNull();
    expect(parseUntrustedJson(text)).toEqual(JSON.parse(text));
  });

  it("agrees with the real depth of any JSON value", () => {
    const depthOf = (v: unknown): number =>
      v !== null && typeof v === "object" ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 1, max: 8 }), (value, limit) => {
        const text = JSON.stringify(value);
        expect(findExcessiveDepth(text, limit) === null).toBe(depthOf(value) <= limit);
      }),
      { numRuns: 300 },
    );
  });
});

describe("text a database can hold", () => {
  it("finds NUL and unpaired surrogates in values and keys, with their path", () => {
    expect(findUnsafeText({ a: ["ok", "fine \ud83d\ude00"] })).toBeNull();
    expect(findUnsafeText({ a: ["ok", "x\u0000"] })).toEqual({ path: "$.a[1]", reason: "NUL character" });
    expect(findUnsafeText({ run: { facets: { "\ud800": 1 } } })).toEqual({
      path: '$.run.facets["\\ud800"]',
      reason: "unpaired surrogate",
    });
    expect(findUnsafeText([{ name: "\udc00x" }])).toEqual({ path: "$[0].name", reason: "unpaired surrogate" });
    expect(unsafeTextReason("\ud83d")).toBe("unpaired surrogate");
    expect(unsafeTextReason("\ud83d\ude00")).toBeNull();
  });

  it("refuses such a body as 400 invalid_text naming the path", () => {
    const err = refusal('{"name":"tok\\u0000en"}');
    expect(err).toMatchObject({ status: 400, code: "invalid_text", extra: { path: "$.name" } });
    expect(refusal('[{"name":"\\ud800"}]').extra).toEqual({ path: "$[0].name" });
  });

  it("safeText() is what request schemas build on: token names with NUL or a lone surrogate are refused", () => {
    expect(safeText().safeParse("a\u0000b").success).toBe(false);
    expect(safeText().safeParse("\udfff").success).toBe(false);
    expect(createTokenSchema.safeParse({ name: "ci\u0000", tenant: "northwind-eu" }).success).toBe(false);
    expect(createTokenSchema.safeParse({ name: "ci \ud800", tenant: "northwind-eu" }).success).toBe(false);
    expect(createTokenSchema.safeParse({ name: "ci 🚀", tenant: "northwind-eu" }).success).toBe(true);
  });
});

describe("query values", () => {
  it("numbers are decimal digits only", () => {
    const limit = queryInt(1, 200);
    for (const ok of ["1", "50", "200"]) expect(limit.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["0x10", "1e2", " 5", "5 ", "+5", "-1", "05", "5.0", "", "0", "201", "Infinity", "9".repeat(400)])
      expect(limit.safeParse(bad).success, bad).toBe(false);
  });

  it("a cursor fits a PostgreSQL bigint", () => {
    expect(queryCursor.safeParse("9223372036854775807").success).toBe(true);
    expect(queryCursor.safeParse("9223372036854775808").success).toBe(false);
    expect(queryCursor.safeParse("9999999999999999999").success).toBe(false);
  });

  it("instants are real dates within 0001..9999, offsets included", () => {
    expect(queryInstant.safeParse("2026-11-22T10:00:00Z").success).toBe(true);
    expect(queryInstant.safeParse("0001-01-01T00:00:00Z").success).toBe(true);
    for (const bad of [
      "0000-01-01T00:00:00Z",
      "0001-01-01T00:00:00+01:00",
      "9999-12-31T23:00:00-05:00",
      "2026-02-30T00:00:00Z",
      "2026-13-01T00:00:00Z",
      "10000-01-01T00:00:00Z",
      "2026-01-01T00:00:00",
    ]) {
      expect(queryInstant.safeParse(bad).success, bad).toBe(false);
    }
  });
});
