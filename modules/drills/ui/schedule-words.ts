/** How often a drill may recur, in words, and the first run's local time as the API takes it. Pure. */

export const SCHEDULE_FREQUENCIES = [
  { days: 30, word: "monthly" },
  { days: 91, word: "quarterly" },
  { days: 182, word: "half-yearly" },
  { days: 365, word: "yearly" },
] as const;

export type ScheduleDays = (typeof SCHEDULE_FREQUENCIES)[number]["days"];

/** "every 91 days (quarterly)"; a period set through the API outside the list: "every 45 days". */
export function everyWords(days: number): string {
  const known = SCHEDULE_FREQUENCIES.find((f) => f.days === days);
  const base = days === 1 ? "every day" : `every ${days} days`;
  return known ? `${base} (${known.word})` : base;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

/**
 * A `datetime-local` value ("2031-03-03T09:30"), read in the browser's time zone, as an ISO 8601
 * instant with that zone's offset ("2031-03-03T09:30:00+01:00"); null for anything else.
 */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return null;
  // A date-time without an offset is local time (ECMA-262).
  const local = new Date(value);
  if (Number.isNaN(local.getTime())) return null;
  const offset = -local.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return (
    `${pad(local.getFullYear(), 4)}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}` +
    `T${pad(local.getHours())}:${pad(local.getMinutes())}:${pad(local.getSeconds())}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}
