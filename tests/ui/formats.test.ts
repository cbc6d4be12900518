/**
 * The one format for times and numbers (platform/format.ts, issue 15 item 7): every moment says
 * its zone, the words do not depend on the zone of the machine that renders them (the server and
 * the browser write the same text, so hydration has nothing to correct), and numbers are grouped.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Time } from "@/components/ui/time";
import {
  formatAxisTime,
  formatBytes,
  formatCount,
  formatDate,
  formatDateTime,
  formatDay,
  formatDuration,
  formatMillis,
  formatMonth,
  formatNumber,
  formatPercent,
  formatPreciseTime,
} from "@/platform/format";

const INSTANTS = [
  "2026-12-03T07:15:00Z",
  "2026-12-31T23:59:59.999Z",
  "2027-01-01T00:00:00+14:00",
  "2026-06-15T12:30:45.678-09:30",
  "2026-03-29T01:30:00+01:00",
];
const ZONES = ["UTC", "Pacific/Kiritimati", "America/St_Johns", "Asia/Kathmandu", "Europe/Berlin"];
const originalTz = process.env.TZ;

afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

/** Everything a page writes about one instant, rendered in the process's current zone. */
function allWords(iso: string): string[] {
  const el = Time({ iso });
  return [
    formatDateTime(iso),
    formatDate(iso),
    formatPreciseTime(iso),
    formatAxisTime(iso, "day"),
    formatAxisTime(iso, "hour"),
    String((el as { props: { children: unknown } }).props.children),
  ];
}

describe("times", () => {
  it("writes a moment one way, in UTC, saying so", () => {
    expect(formatDateTime("2026-12-03T07:15:00Z")).toBe("3 Dec 2026, 07:15 UTC");
    expect(formatDateTime("2026-12-01T23:30:00+02:00")).toBe("1 Dec 2026, 21:30 UTC");
    expect(formatDateTime(null)).toBe("never");
    expect(formatDateTime(null, "not yet")).toBe("not yet");
  });

  it("always shows the zone of a moment, whatever its offset", () => {
    for (const iso of INSTANTS) {
      expect(formatDateTime(iso)).toMatch(/^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2} UTC$/);
      expect(formatDate(iso)).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4} UTC$/);
      expect(formatPreciseTime(iso)).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{3} UTC$/);
    }
  });

  it("writes the day of a moment as the UTC day, and a calendar date without a zone", () => {
    expect(formatDate("2026-12-14T23:30:00-05:00")).toBe("15 December 2026 UTC");
    expect(formatDate("2026-12-14")).toBe("14 December 2026 UTC");
    expect(formatDay("2026-03-01")).toBe("1 March 2026");
    expect(formatDay("soon")).toBe("soon");
    expect(formatMonth("2026-11")).toBe("November 2026");
    expect(formatMonth("2026-Q3")).toBe("2026-Q3");
  });

  it("gives probe times to the millisecond and short axis ticks, in UTC", () => {
    expect(formatPreciseTime("2026-12-01T12:04:05.123+01:00")).toBe("11:04:05.123 UTC");
    expect(formatAxisTime("2026-12-03T14:00:00Z", "hour")).toBe("3 Dec, 14:00");
    expect(formatAxisTime("2026-12-03", "day")).toBe("3 Dec");
  });

  it("writes the same words whatever the machine's zone (server and browser agree)", () => {
    process.env.TZ = "UTC";
    const reference = INSTANTS.map(allWords);
    for (const zone of ZONES) {
      process.env.TZ = zone;
      expect(INSTANTS.map(allWords), zone).toEqual(reference);
    }
  });

  it("<Time> carries the full instant for machines and the hover, and the one format as its text", () => {
    const el = Time({ iso: "2026-12-03T08:15:00+01:00" }) as {
      type: string;
      props: { dateTime: string; title: string; children: unknown };
    };
    expect(el.type).toBe("time");
    expect(el.props.dateTime).toBe("2026-12-03T07:15:00.000Z");
    expect(el.props.title).toBe("2026-12-03T07:15:00.000Z");
    expect(el.props.children).toBe("3 Dec 2026, 07:15 UTC");
    const day = Time({ iso: "2026-12-03T08:15:00+01:00", format: "date" }) as { props: { children: unknown } };
    expect(day.props.children).toBe("3 December 2026 UTC");
  });
});

describe("numbers", () => {
  it("groups thousands, with exactly the decimals asked for", () => {
    expect(formatNumber(1234567)).toBe("1,234,567");
    expect(formatNumber(12345.67, 1)).toBe("12,345.7");
    expect(formatNumber(0.5, 2)).toBe("0.50");
    expect(formatCount(12345)).toBe("12,345");
    expect(formatCount(0)).toBe("0");
    expect(formatCount(null)).toBe("not reported");
  });

  it("writes bytes in decimal units, grouped, with a space before the unit", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(950)).toBe("950 B");
    expect(formatBytes(1_240_000)).toBe("1.2 MB");
    expect(formatBytes(12_400_000)).toBe("12 MB");
    expect(formatBytes(120_000_000_000)).toBe("120 GB");
    expect(formatBytes(3_200_000_000_000_000_000)).toBe("3,200 PB");
    expect(formatBytes(null)).toBe("not reported");
  });

  it("writes shares as percentages", () => {
    expect(formatPercent(2 / 3)).toBe("66.7 %");
    expect(formatPercent(1)).toBe("100.0 %");
    expect(formatPercent(0.455, 0)).toBe("46 %");
    expect(formatPercent(null)).toBe("no data");
  });

  it("writes durations as their two largest units, and short times from milliseconds", () => {
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(125)).toBe("2 min 5 s");
    expect(formatDuration(7_500)).toBe("2 h 5 min");
    expect(formatDuration(7_205)).toBe("2 h");
    expect(formatDuration(3 * 86_400 + 4 * 3_600 + 59)).toBe("3 d 4 h");
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(null)).toBe("none");
    expect(formatMillis(0.4)).toBe("0.4 ms");
    expect(formatMillis(4)).toBe("4 ms");
    expect(formatMillis(850)).toBe("850 ms");
    expect(formatMillis(3_420)).toBe("3.4 s");
    expect(formatMillis(125_000)).toBe("2 min 5 s");
    expect(formatMillis(null)).toBe("none");
  });
});
