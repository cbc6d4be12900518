const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB", "PB"];

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return "not reported";
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value < 10 && unit > 0 ? 1 : 0)} ${BYTE_UNITS[unit]}`;
}

export function formatCount(count: number | null): string {
  return count === null ? "not reported" : new Intl.NumberFormat("en").format(count);
}

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
const DATE_TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** A calendar date in UTC, in words ("14 December 2026"). */
export function formatDate(iso: string): string {
  return DATE.format(new Date(iso));
}

/** A moment in UTC, always saying so ("3 Dec 2026, 14:05 UTC"); "never" when there is none. */
export function formatDateTime(iso: string | null): string {
  if (!iso) return "never";
  return `${DATE_TIME.format(new Date(iso))} UTC`;
}

/** A time of day to the millisecond in UTC ("12:04:05.123 UTC"): probe times differ by milliseconds. */
export function formatPreciseTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(11, 23)} UTC`;
}

export function humanize(identifier: string): string {
  const text = identifier.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
