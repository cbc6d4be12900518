import { describe, expect, it } from "vitest";
import { compareSortValues, nextSort, sortRows } from "@/components/ui/sort";
import { tabTarget } from "@/components/ui/roving";
import { formatDate, formatDateTime, formatPreciseTime } from "@/platform/format";

describe("table sorting", () => {
  const rows = [
    { name: "key 10", n: 3, at: "2026-01-02T00:00:00Z" },
    { name: "key 2", n: null, at: null },
    { name: "Key 1", n: 3, at: "2026-01-01T00:00:00Z" },
    { name: "key 3", n: -1, at: "2026-01-03T00:00:00Z" },
  ];

  it("orders text naturally and without regard to case", () => {
    expect(sortRows(rows, (r) => r.name, "ascending").map((r) => r.name)).toEqual([
      "Key 1",
      "key 2",
      "key 3",
      "key 10",
    ]);
    expect(sortRows(rows, (r) => r.name, "descending").map((r) => r.name)).toEqual([
      "key 10",
      "key 3",
      "key 2",
      "Key 1",
    ]);
  });

  it("orders numbers by value, keeps equal rows in their order and puts empty values last both ways", () => {
    expect(sortRows(rows, (r) => r.n, "ascending").map((r) => r.name)).toEqual(["key 3", "key 10", "Key 1", "key 2"]);
    expect(sortRows(rows, (r) => r.n, "descending").map((r) => r.name)).toEqual(["key 10", "Key 1", "key 3", "key 2"]);
    expect(sortRows(rows, (r) => (r.at ? new Date(r.at) : null), "descending").map((r) => r.name)).toEqual([
      "key 3",
      "key 10",
      "Key 1",
      "key 2",
    ]);
  });

  it("does not change the rows it was given", () => {
    const before = rows.map((r) => r.name);
    sortRows(rows, (r) => r.name, "descending");
    expect(rows.map((r) => r.name)).toEqual(before);
  });

  it("compares booleans and mixed empties", () => {
    expect(compareSortValues(false, true)).toBeLessThan(0);
    expect(compareSortValues(null, undefined)).toBe(0);
  });

  it("sorts a new column ascending, flips the same one", () => {
    expect(nextSort(null, "a")).toEqual({ key: "a", direction: "ascending" });
    expect(nextSort({ key: "a", direction: "ascending" }, "a")).toEqual({ key: "a", direction: "descending" });
    expect(nextSort({ key: "a", direction: "descending" }, "a")).toEqual({ key: "a", direction: "ascending" });
    expect(nextSort({ key: "a", direction: "descending" }, "b")).toEqual({ key: "b", direction: "ascending" });
  });
});

describe("tabs keyboard", () => {
  it("moves with the arrows (wrapping), Home and End, and ignores other keys", () => {
    expect(tabTarget("ArrowRight", 2, 3)).toBe(0);
    expect(tabTarget("ArrowLeft", 0, 3)).toBe(2);
    expect(tabTarget("Home", 2, 3)).toBe(0);
    expect(tabTarget("End", 0, 3)).toBe(2);
    expect(tabTarget("Enter", 1, 3)).toBeNull();
  });
});

describe("time format", () => {
  it("always says UTC, whatever the instant's offset", () => {
    expect(formatDateTime("2026-12-01T23:30:00+02:00")).toBe("1 Dec 2026, 21:30 UTC");
    expect(formatDateTime(null)).toBe("never");
  });

  it("gives the calendar date in UTC", () => {
    expect(formatDate("2026-12-14T23:30:00-05:00")).toBe("15 December 2026 UTC");
  });

  it("gives probe times to the millisecond in UTC", () => {
    expect(formatPreciseTime("2026-12-01T12:04:05.123+01:00")).toBe("11:04:05.123 UTC");
  });
});
