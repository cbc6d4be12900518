/**
 * How the portal writes times and numbers: this file is the one place (issue 15, item 7). Pages
 * and components format through these functions, or through `<Time>` (components/ui/time.tsx),
 * which uses them; tests/ui/formats-single-source.test.ts fails on `toLocale…String`,
 * `Intl.DateTimeFormat`, `Intl.NumberFormat`, `toFixed` or a displayed `toISOString()` anywhere
 * else in the UI.
 *
 * Times are in UTC and always say so, whoever reads them: the server and the browser render the
 * same text (no hydration mismatch), and readers in different zones read the same moment. Numbers
 * are English, grouped by thousands ("12,345"), with a space before a unit ("12.4 MB", "66.7 %").
 */

const ZONE = "UTC";

const DATE_TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: ZONE });
const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: ZONE });
const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: ZONE });
const AXIS_DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: ZONE });
const AXIS_HOUR = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: ZONE,
});

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_PATTERN = /^\d{4}-\d{2}$/;

const instant = (iso: string) => new Date(DAY_PATTERN.test(iso) ? `${iso}T00:00:00Z` : iso);

// ── Times ──────────────────────────────────────────────────────────────────────────────────

/** A moment, always saying its zone: "3 Dec 2026, 14:05 UTC"; `fallback` ("never") when there is none. */
export function formatDateTime(iso: string | null, fallback = "never"): string {
  if (!iso) return fallback;
  return `${DATE_TIME.format(instant(iso))} ${ZONE}`;
}

/** The day of a moment, in UTC and saying so: "14 December 2026 UTC". */
export function formatDate(iso: string): string {
  return `${DATE.format(instant(iso))} ${ZONE}`;
}

/**
 * A calendar date that is no moment (a contract's signing date, "YYYY-MM-DD"): "14 December 2026",
 * the same words as `formatDate` without a zone, which such a date does not have. Anything that
 * is not a calendar date is given back as it is.
 */
export function formatDay(day: string): string {
  return DAY_PATTERN.test(day) ? DATE.format(instant(day)) : day;
}

/** A calendar month ("2026-11"): "November 2026". Anything else is given back as it is. */
export function formatMonth(month: string): string {
  return MONTH_PATTERN.test(month) ? MONTH.format(new Date(`${month}-01T00:00:00Z`)) : month;
}

/** A time of day to the millisecond in UTC ("12:04:05.123 UTC"): probe times differ by milliseconds. */
export function formatPreciseTime(iso: string): string {
  const d = instant(iso);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)} ${ZONE}`;
}

/**
 * A chart axis tick, short: "3 Dec" for a day, "3 Dec, 14:00" for an hour, in UTC. Only for ticks:
 * the chart's caption or the table beside it says "UTC", and every other place writes the full form.
 */
export function formatAxisTime(iso: string, unit: "day" | "hour"): string {
  return (unit === "day" ? AXIS_DAY : AXIS_HOUR).format(instant(iso));
}

// ── Numbers ────────────────────────────────────────────────────────────────────────────────

const GROUPED = new Map<number, Intl.NumberFormat>();

/** A number grouped by thousands with exactly `digits` decimals: formatNumber(12345.6, 1) → "12,345.6". */
export function formatNumber(value: number, digits = 0): string {
  let f = GROUPED.get(digits);
  if (!f) {
    f = new Intl.NumberFormat("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    GROUPED.set(digits, f);
  }
  return f.format(value);
}

/** A count: "12,345"; "not reported" when there is none. */
export function formatCount(count: number | null): string {
  return count === null ? "not reported" : formatNumber(count);
}

const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB", "PB"];

/** Bytes in decimal units (10^3): "950 B", "12.4 MB", "120 GB"; "not reported" when there is none. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return "not reported";
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${formatNumber(value, value < 10 && unit > 0 ? 1 : 0)} ${BYTE_UNITS[unit]}`;
}

/** A share (0–1) as a percentage: 0.6667 → "66.7 %" (`digits` decimals); "no data" for a share of nothing. */
export function formatPercent(share: number | null, digits = 1): string {
  return share === null ? "no data" : `${formatNumber(share * 100, digits)} %`;
}

/** Seconds as the two largest units: "45 s", "2 min 5 s", "2 h 5 min", "3 d 4 h"; `fallback` ("none") for null. */
export function formatDuration(seconds: number | null, fallback = "none"): string {
  if (seconds === null) return fallback;
  const units: [string, number][] = [
    ["d", 86_400],
    ["h", 3_600],
    ["min", 60],
    ["s", 1],
  ];
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(seconds));
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 || (unit === "s" && parts.length === 0)) parts.push(`${formatNumber(n)} ${unit}`);
    else if (parts.length > 0) break; // "2 h" rather than "2 h 0 min"; never a gap ("2 h 5 s").
    rest -= n * size;
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}

/**
 * A short time from milliseconds (latencies, revocations): "0.4 ms", "850 ms", "3.4 s", then as
 * `formatDuration` from a minute up; `fallback` ("none") for null.
 */
export function formatMillis(ms: number | null, fallback = "none"): string {
  if (ms === null) return fallback;
  if (ms < 10) return `${formatNumber(ms, Number.isInteger(Math.round(ms * 10) / 10) ? 0 : 1)} ms`;
  if (ms < 1000) return `${formatNumber(ms)} ms`;
  if (ms < 60_000) return `${formatNumber(ms / 1000, 1)} s`;
  return formatDuration(ms / 1000);
}

// ── Words ──────────────────────────────────────────────────────────────────────────────────

export function humanize(identifier: string): string {
  const text = identifier.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
