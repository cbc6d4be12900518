/**
 * The period a metrics request asks for: whole UTC days, `from` and `to` both included. Pure: the
 * server passes today's date (the database clock's), and a bad period comes back as a reason the
 * API turns into a precise 400.
 */

/** The longest period one request reads: a year and a day (a leap year, one day either side of a year). */
export const MAX_PERIOD_DAYS = 366;
/** Without `from`: the 30 days up to `to`. */
export const DEFAULT_PERIOD_DAYS = 30;

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface Period {
  from: string;
  to: string;
  /** Every day from `from` to `to`, in order. */
  days: string[];
}

export type PeriodProblem = { field: "from" | "to"; code: string; detail: string };

/** A YYYY-MM-DD that names a real calendar day, as its UTC midnight; null otherwise. */
export function parseDay(text: string): Date | null {
  const m = DATE.exec(text);
  if (!m) return null;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text || d.getUTCFullYear() < 1) return null;
  return d;
}

export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return dayOf(new Date(parseDay(day)!.getTime() + n * DAY_MS));
}

/** The days from `from` to `to` (both included). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = parseDay(from)!.getTime(), end = parseDay(to)!.getTime(); t <= end; t += DAY_MS)
    out.push(dayOf(new Date(t)));
  return out;
}

/** Resolves `?from=&to=` against today (UTC): the period, or what is wrong with it. */
export function resolvePeriod(
  input: { from?: string; to?: string },
  today: string,
): { ok: true; period: Period } | { ok: false; problem: PeriodProblem } {
  for (const field of ["from", "to"] as const) {
    const v = input[field];
    if (v !== undefined && parseDay(v) === null)
      return {
        ok: false,
        problem: {
          field,
          code: "invalid_date",
          detail: `"${field}" must be a calendar date as YYYY-MM-DD, e.g. ${today}.`,
        },
      };
  }
  const to = input.to ?? today;
  if (to > today)
    return {
      ok: false,
      problem: {
        field: "to",
        code: "period_in_future",
        detail: `"to" (${to}) is in the future: metrics exist up to today, ${today} (UTC).`,
      },
    };
  const from = input.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (from > to)
    return {
      ok: false,
      problem: { field: "from", code: "period_reversed", detail: `"from" (${from}) is after "to" (${to}).` },
    };
  // Counted before listing: a period of centuries is refused without building it.
  const length = (parseDay(to)!.getTime() - parseDay(from)!.getTime()) / DAY_MS + 1;
  if (length > MAX_PERIOD_DAYS)
    return {
      ok: false,
      problem: {
        field: "from",
        code: "period_too_long",
        detail: `The period is ${length} days; at most ${MAX_PERIOD_DAYS} days are read at once.`,
      },
    };
  return { ok: true, period: { from, to, days: daysBetween(from, to) } };
}
