/**
 * RFC 8785 known answers: the §3.2.2/§3.2.3 examples, the Appendix B number table (each entry
 * is an IEEE-754 bit pattern and its canonical text), and the input/output pairs of the RFC
 * author's reference test data (github.com/cyberphone/json-canonicalization, testdata/).
 */
import { describe, expect, it } from "vitest";
import {
  CanonicalJsonError,
  canonicalJson,
  canonicalJsonBytes,
  isCanonicalJson,
} from "@/modules/audit/domain/canonical-json";

const fromBits = (hex: string) => Buffer.from(hex.padStart(16, "0"), "hex").readDoubleBE(0);

describe("RFC 8785 numbers (Appendix B)", () => {
  const table: [string, string][] = [
    ["0000000000000000", "0"],
    ["8000000000000000", "0"], // -0
    ["0000000000000001", "5e-324"],
    ["8000000000000001", "-5e-324"],
    ["7fefffffffffffff", "1.7976931348623157e+308"],
    ["ffefffffffffffff", "-1.7976931348623157e+308"],
    ["4340000000000000", "9007199254740992"],
    ["c340000000000000", "-9007199254740992"],
    ["4430000000000000", "295147905179352830000"],
    ["44b52d02c7e14af5", "9.999999999999997e+22"],
    ["44b52d02c7e14af6", "1e+23"],
    ["44b52d02c7e14af7", "1.0000000000000001e+23"],
    ["444b1ae4d6e2ef4e", "999999999999999700000"],
    ["444b1ae4d6e2ef4f", "999999999999999900000"],
    ["444b1ae4d6e2ef50", "1e+21"],
    ["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"],
    ["3eb0c6f7a0b5ed8d", "0.000001"],
    ["41b3de4355555553", "333333333.3333332"],
    ["41b3de4355555554", "333333333.33333325"],
    ["41b3de4355555555", "333333333.3333333"],
    ["41b3de4355555556", "333333333.3333334"],
    ["41b3de4355555557", "333333333.33333343"],
    ["becbf647612f3696", "-0.0000033333333333333333"],
    ["43143ff3c1cb0959", "1424953923781206.2"],
    // Samples quoted in cyberphone/json-canonicalization testdata/README.md.
    ["4340000000000001", "9007199254740994"],
    ["4340000000000002", "9007199254740996"],
  ];
  it.each(table)("%s → %s", (bits, text) => {
    expect(canonicalJson(fromBits(bits))).toBe(text);
  });

  it("refuses NaN and the infinities (Appendix B: 7fffffffffffffff, 7ff0000000000000)", () => {
    for (const bits of ["7fffffffffffffff", "7ff0000000000000", "fff0000000000000"]) {
      expect(() => canonicalJson(fromBits(bits))).toThrow(CanonicalJsonError);
    }
  });
});

describe("RFC 8785 strings and ordering", () => {
  it("§3.2.2 example: literals, numbers and string escaping", () => {
    const input = {
      numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"/",
      literals: [null, true, false],
    };
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it("§3.2.3 example: properties sorted by UTF-16 code units, not by code point or locale", () => {
    const input = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
    };
    // U+1F600 (surrogates D83D DE00) sorts before U+FB33 in UTF-16 order, after it by code point.
    // (Compared as text: Object.keys would move the integer-like key "1" to the front.)
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it("escapes exactly the characters the RFC lists, in lowercase hex", () => {
    const all = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join("");
    expect(canonicalJson(all)).toBe(
      '"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f' +
        '\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"',
    );
    expect(canonicalJson("/\u007f\u2028\u2029é😀")).toBe('"/\u007f\u2028\u2029é😀"');
  });
});

describe("reference test data (cyberphone/json-canonicalization testdata/)", () => {
  const cases: [string, string, string][] = [
    [
      "values.json",
      '{\n  "numbers": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],\n  "escaping": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n  "literals": [null, true, false]\n}',
      '{"escaping":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/","literals":[null,true,false],"numbers":[1e+30,4.5,333333333.3333333,0.002,1e-27]}',
    ],
    [
      "structures.json",
      '{\n  "1": {"f": {"f": "hi","F": 5} ,"\\n": 56.0},\n  "10": { },\n  "": "empty",\n  "a": { },\n  "111": [ { } ],\n  "A": { }\n}',
      '{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}',
    ],
    [
      "arrays.json",
      '[\n  56,\n  {\n    "d": true,\n    "10": null,\n    "1": [ ]\n  }\n]',
      '[56,{"1":[],"10":null,"d":true}]',
    ],
    [
      "french.json",
      '{\n  "peach": "This sorting order",\n  "péché": "is wrong according to French",\n  "pêche": "but canonicalization MUST",\n  "sin":   "ingnore locale"\n}\n',
      '{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}',
    ],
    [
      "weird.json",
      '{\n  "\\u20ac": "Euro Sign",\n  "1": "One",\n  "\\u0080": "Control\\u007f",\n  "\\ud83d\\ude02": "Smiley",\n  "\\u00f6": "Latin Small Letter O With Diaeresis",\n  "\\ufb33": "Hebrew Letter Dalet With Dagesh",\n  "</script>": "Browser Challenge"\n}\n',
      '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😂":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ],
  ];
  it.each(cases)("%s", (_name, input, output) => {
    expect(canonicalJson(JSON.parse(input))).toBe(output);
    expect(isCanonicalJson(output)).toBe(true);
    expect(isCanonicalJson(input)).toBe(false);
  });
});

describe("refusals and helpers", () => {
  it("refuses what is not I-JSON or would be silently changed by JSON.stringify", () => {
    const bad: unknown[] = [
      undefined,
      { a: undefined },
      [undefined],
      () => 1,
      Symbol("s"),
      10n,
      new Date(0),
      new Map(),
      Buffer.from("x"),
      "\ud800",
      { "\udc00": 1 },
      { n: Number.NaN },
      { [Symbol("k")]: 1 },
    ];
    for (const v of bad) expect(() => canonicalJson(v), String(typeof v)).toThrow(CanonicalJsonError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cyclic/);
    // The same object twice (not a cycle) is fine.
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    expect(canonicalJson(Object.assign(Object.create(null), { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });

  it("encodes as UTF-8 and detects non-canonical text, including duplicate keys", () => {
    expect(canonicalJsonBytes({ k: "é" })).toEqual(Buffer.from('{"k":"é"}', "utf8"));
    expect(isCanonicalJson('{"a":1,"a":1}')).toBe(false);
    expect(isCanonicalJson('{"a":1}')).toBe(true);
    expect(isCanonicalJson("{ }")).toBe(false);
    expect(isCanonicalJson("not json")).toBe(false);
  });
});
