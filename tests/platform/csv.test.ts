import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "@/platform/csv";

describe("csvCell", () => {
  it("quotes every cell and doubles quotes inside (RFC 4180)", () => {
    expect(csvCell("plain")).toBe('"plain"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("a,b\r\nc")).toBe('"a,b\r\nc"');
  });

  it("neutralises text a spreadsheet would run as a formula", () => {
    for (const lead of ["=", "+", "-", "@", "\t", "\r"]) {
      expect(csvCell(`${lead}HYPERLINK("x")`)).toBe(`"'${lead}HYPERLINK(""x"")"`);
    }
    expect(csvCell("a=1")).toBe('"a=1"');
  });

  it("writes numbers as numbers, negative ones too, and booleans as words", () => {
    expect(csvCell(-3)).toBe('"-3"');
    expect(csvCell(12)).toBe('"12"');
    expect(csvCell(true)).toBe('"true"');
    expect(csvCell(10n)).toBe('"10"');
  });

  it("writes nothing for null and undefined, ISO for dates, JSON for structured values", () => {
    expect(csvCell(null)).toBe('""');
    expect(csvCell(undefined)).toBe('""');
    expect(csvCell(new Date("2026-12-01T10:00:00Z"))).toBe('"2026-12-01T10:00:00.000Z"');
    expect(csvCell({ reason: "x" })).toBe('"{""reason"":""x""}"');
  });

  it("guards a JSON value that starts like a formula", () => {
    expect(csvCell(["=1"])).toBe('"[""=1""]"');
    expect(csvCell("-1")).toBe(`"'-1"`);
  });
});

describe("toCsv", () => {
  it("ends every row, the last one included, with CRLF", () => {
    expect(toCsv(["a", "b"], [[1, "=x"]])).toBe('"a","b"\r\n"1","\'=x"\r\n');
  });
});
