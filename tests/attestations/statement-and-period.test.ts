import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/modules/audit/domain/canonical-json";
import {
  statementAbout,
  statementBytes,
  statementSchema,
  STATEMENT_TYPE,
} from "@/modules/attestations/domain/statement";
import {
  calendarMonth,
  calendarQuarter,
  lastCompleteMonth,
  lastCompleteQuarter,
  parsePeriod,
  PeriodError,
  periodKind,
  periodName,
} from "@/modules/attestations/domain/period";

const NOW = new Date("2026-12-02T06:00:00Z");

describe("in-toto Statement v1", () => {
  it("names the predicate's RFC 8785 digest as its subject, and is signed as its own canonical JSON", () => {
    const predicate = { b: [1, 2], a: { z: "ü", y: null } };
    const s = statementAbout("northwind-eu/2026-11", "https://terrane.dev/attestation/residency/v1", predicate);
    expect(statementSchema.parse(s)).toEqual(s);
    expect(s._type).toBe(STATEMENT_TYPE);
    const expected = createHash("sha256").update('{"a":{"y":null,"z":"ü"},"b":[1,2]}').digest("hex");
    expect(s.subject).toEqual([{ name: "northwind-eu/2026-11", digest: { sha256: expected } }]);
    expect(statementBytes(s).toString("utf8")).toBe(canonicalJson(s));
    expect(statementBytes(s).toString("utf8").startsWith('{"_type":"https://in-toto.io/Statement/v1"')).toBe(true);
  });
});

describe("attestation periods", () => {
  it("names months, quarters and ranges", () => {
    expect(periodName(calendarMonth(2026, 11))).toBe("2026-11");
    expect(periodName(calendarMonth(2026, 12))).toBe("2026-12");
    expect(calendarMonth(2026, 12).to.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(periodName(calendarQuarter(2026, 3))).toBe("2026-Q3");
    expect(periodKind(calendarQuarter(2026, 4))).toBe("quarter");
    expect(periodName(parsePeriod({ from: "2026-01-15", to: "2026-03-01" }, NOW))).toBe("2026-01-15..2026-03-01");
    expect(periodName(parsePeriod({ from: "2026-11-01", to: "2026-12-01" }, NOW))).toBe("2026-11");
    expect(periodName(parsePeriod({ from: "2026-11-01T12:00:00+02:00", to: "2026-11-02T00:00:00Z" }, NOW))).toBe(
      "2026-11-01T10:00:00.000Z..2026-11-02T00:00:00.000Z",
    );
  });

  it("knows the last month and quarter that have ended, across the year's turn", () => {
    expect(periodName(lastCompleteMonth(NOW))).toBe("2026-11");
    expect(periodName(lastCompleteMonth(new Date("2027-01-01T00:00:00Z")))).toBe("2026-12");
    expect(periodName(lastCompleteQuarter(NOW))).toBe("2026-Q3");
    expect(periodName(lastCompleteQuarter(new Date("2027-02-10T00:00:00Z")))).toBe("2026-Q4");
  });

  it("refuses periods that are malformed, empty, not yet over, or longer than a year", () => {
    const refused = (from: string, to: string) => {
      try {
        parsePeriod({ from, to }, NOW);
      } catch (err) {
        expect(err).toBeInstanceOf(PeriodError);
        return (err as PeriodError).code;
      }
      return "accepted";
    };
    expect(refused("2026-02-30", "2026-03-31")).toBe("period_malformed");
    expect(refused("last month", "2026-03-31")).toBe("period_malformed");
    expect(refused("2026-11-01T00:00:00", "2026-12-01")).toBe("period_malformed"); // no zone
    expect(refused("2026-11-01", "2026-11-01")).toBe("period_empty");
    expect(refused("2026-11-01", "2026-10-01")).toBe("period_empty");
    expect(refused("2026-11-01", "2026-12-31")).toBe("period_in_future");
    expect(refused("2025-01-01", "2026-01-02")).toBe("period_too_long");
    expect(refused("2024-01-01", "2025-01-01")).toBe("accepted"); // a leap year is a year
    expect(refused("2025-12-02", "2026-12-02")).toBe("accepted");
  });
});
