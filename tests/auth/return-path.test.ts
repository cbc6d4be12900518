import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirectUrl, safeReturnPath } from "@/platform/auth/return-path";

const ORIGIN = "http://localhost:3000";

/** Where a browser on this origin would go for `path`. */
const originOf = (path: string) => new URL(path, `${ORIGIN}/signin`).origin;

// Known ways past a `startsWith("/") && !startsWith("//")` check, and their encoded variants.
const ATTACKS = [
  "/\\evil.example/",
  "/%5Cevil.example/",
  "/%5cevil.example",
  "/%255Cevil.example",
  "/%25255Cevil.example",
  "/%09/evil.example",
  "/\t/evil.example",
  "/%0A/evil.example",
  "/%0D/evil.example",
  "/\n/evil.example",
  "/%00/evil.example",
  "//evil.example",
  "///evil.example",
  "/%2Fevil.example",
  "/%2F%2Fevil.example",
  "/%252F/evil.example",
  "/.//evil.example",
  "/./%2F/evil.example",
  "/../..//evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "https://evil.example",
  "http:evil.example",
  "javascript:alert(1)",
  "data:text/html,hi",
  "%2F%2Fevil.example",
  " //evil.example",
  "/ /evil.example\u0000",
  "/\u007f/evil.example",
  "\u0009//evil.example",
];

describe("safeReturnPath", () => {
  it.each(ATTACKS)("refuses %j: falls back to /", (attack) => {
    expect(safeReturnPath(attack)).toBe("/");
    expect(originOf(safeReturnPath(attack))).toBe(ORIGIN);
  });

  it("keeps ordinary same-origin paths, their query and fragment", () => {
    expect(safeReturnPath("/t/northwind-eu")).toBe("/t/northwind-eu");
    expect(safeReturnPath("/t/northwind-eu/audit?actor=ana%40northwind.example&page=2")).toBe(
      "/t/northwind-eu/audit?actor=ana%40northwind.example&page=2",
    );
    expect(safeReturnPath("/t/x#keys")).toBe("/t/x#keys");
    expect(safeReturnPath("/")).toBe("/");
  });

  it("takes the first of repeated values and uses the caller's fallback for nothing usable", () => {
    expect(safeReturnPath(["/t/a", "//evil.example"])).toBe("/t/a");
    expect(safeReturnPath(undefined, "/t")).toBe("/t");
    expect(safeReturnPath("", "/t")).toBe("/t");
    expect(safeReturnPath("/%E0%A4%A", "/t")).toBe("/t"); // malformed encoding
    expect(safeReturnPath(`/${"a".repeat(5000)}`, "/t")).toBe("/t");
  });

  // Strings built from the characters attacks are made of, plus arbitrary unicode.
  const pieces = fc.constantFrom(
    "/",
    "\\",
    "%",
    "25",
    "2F",
    "2f",
    "5C",
    "5c",
    "09",
    "0A",
    "0D",
    "00",
    "\t",
    "\n",
    "\r",
    " ",
    ".",
    "..",
    ":",
    "@",
    "?",
    "#",
    "evil.example",
    "http",
    "https:",
    "t",
    "a",
  );
  const attackish = fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join(""));
  const anything = fc.oneof(
    attackish,
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.webUrl(),
    attackish.map((s) => `/${s}`),
  );

  it("property: whatever the input, the result stays on the origin and is a plain path", () => {
    fc.assert(
      fc.property(anything, (input) => {
        const out = safeReturnPath(input);
        expect(originOf(out)).toBe(ORIGIN);
        expect(out.startsWith("/") && !out.startsWith("//")).toBe(true);
        expect(out).not.toMatch(/[\\\u0000-\u001f\u007f]/);
        // Decoding the output again (as a later consumer might) never leaves the origin either.
        expect(originOf(decodeURIComponent(out))).toBe(ORIGIN);
      }),
      { numRuns: 3000 },
    );
  });

  it("property: it is idempotent, so passing a result through again changes nothing", () => {
    fc.assert(
      fc.property(anything, (input) => {
        expect(safeReturnPath(safeReturnPath(input))).toBe(safeReturnPath(input));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("safeRedirectUrl (next-auth's redirect callback)", () => {
  it("keeps paths and same-origin URLs, sends everything else to the base", () => {
    expect(safeRedirectUrl("/t/northwind-eu", ORIGIN)).toBe(`${ORIGIN}/t/northwind-eu`);
    expect(safeRedirectUrl(`${ORIGIN}/t?x=1`, ORIGIN)).toBe(`${ORIGIN}/t?x=1`);
    expect(safeRedirectUrl("https://evil.example/", ORIGIN)).toBe(ORIGIN);
    expect(safeRedirectUrl(`${ORIGIN}//evil.example/`, ORIGIN)).toBe(`${ORIGIN}/`);
    for (const attack of ATTACKS) expect(new URL(safeRedirectUrl(attack, ORIGIN)).origin, attack).toBe(ORIGIN);
  });

  it("property: the answer is always on the base origin", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.webUrl()), (url) => {
        expect(new URL(safeRedirectUrl(url, ORIGIN)).origin).toBe(ORIGIN);
      }),
    );
  });
});
