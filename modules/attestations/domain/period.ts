/**
 * An attestation's period: a half-open range of instants [from, to) in UTC — a calendar month, a
 * quarter, or any range up to a year — that has ended. Dates (YYYY-MM-DD) mean midnight UTC.
 */
const DAY_MS = 86_400_000;

/** The same instant a calendar year later: the latest end of a period that starts at `from`. */
export function oneYearAfter(from: Date): Date {
  const later = new Date(from);
  later.setUTCFullYear(from.getUTCFullYear() + 1);
  return later;
}

export interface Period {
  from: Date;
  to: Date;
}

export type PeriodKind = "month" | "quarter" | "range";

export class PeriodError extends Error {
  constructor(
    message: string,
    readonly code: "period_malformed" | "period_in_future" | "period_too_long" | "period_empty",
  ) {
    super(message);
    this.name = "PeriodError";
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseBound(value: string, field: "from" | "to"): Date {
  const text = value.trim();
  const at = DATE.test(text) ? new Date(`${text}T00:00:00Z`) : INSTANT.test(text) ? new Date(text) : null;
  // Date.parse rolls 2026-02-30 over into March; a date must survive the round trip.
  if (!at || Number.isNaN(at.getTime()) || (DATE.test(text) && at.toISOString().slice(0, 10) !== text))
    throw new PeriodError(
      `${field}: "${value}" is not a date (YYYY-MM-DD) or an RFC 3339 instant with its zone.`,
      "period_malformed",
    );
  return at;
}

/** Parses and checks a requested period against `now` (the database's clock). */
export function parsePeriod(input: { from: string; to: string }, now: Date): Period {
  const from = parseBound(input.from, "from");
  const to = parseBound(input.to, "to");
  if (to.getTime() <= from.getTime()) throw new PeriodError("to: the period must end after it starts.", "period_empty");
  if (to.getTime() > now.getTime())
    throw new PeriodError(
      `to: the period has not ended yet (${to.toISOString()} is after now, ${now.toISOString()}); an attestation covers the past only.`,
      "period_in_future",
    );
  if (to.getTime() > oneYearAfter(from).getTime())
    throw new PeriodError(
      `to: one attestation covers at most a year (from ${from.toISOString().slice(0, 10)}, to ${oneYearAfter(from).toISOString().slice(0, 10)} at the latest).`,
      "period_too_long",
    );
  return { from, to };
}

export function calendarMonth(year: number, month: number): Period {
  return { from: new Date(Date.UTC(year, month - 1, 1)), to: new Date(Date.UTC(year, month, 1)) };
}

export function calendarQuarter(year: number, quarter: 1 | 2 | 3 | 4): Period {
  return { from: new Date(Date.UTC(year, (quarter - 1) * 3, 1)), to: new Date(Date.UTC(year, quarter * 3, 1)) };
}

/** The last calendar month that has ended at `now`. */
export function lastCompleteMonth(now: Date): Period {
  return calendarMonth(now.getUTCFullYear(), now.getUTCMonth()); // month is 1-based: this is the previous one
}

/** The last calendar quarter that has ended at `now`. */
export function lastCompleteQuarter(now: Date): Period {
  const q = Math.floor(now.getUTCMonth() / 3); // 0-based current quarter
  return q === 0 ? calendarQuarter(now.getUTCFullYear() - 1, 4) : calendarQuarter(now.getUTCFullYear(), q as 1 | 2 | 3);
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

export function periodKind(p: Period): PeriodKind {
  const f = p.from;
  const startsMonth = f.getUTCDate() === 1 && f.getTime() % DAY_MS === 0;
  if (startsMonth && p.to.getTime() === calendarMonth(f.getUTCFullYear(), f.getUTCMonth() + 1).to.getTime())
    return "month";
  if (
    startsMonth &&
    f.getUTCMonth() % 3 === 0 &&
    p.to.getTime() === Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + 3, 1)
  )
    return "quarter";
  return "range";
}

/** The period's name in subjects, file names and headings: "2026-11", "2026-Q3", or "2026-01-15..2026-03-01". */
export function periodName(p: Period): string {
  const kind = periodKind(p);
  const year = p.from.getUTCFullYear();
  if (kind === "month") return `${year}-${String(p.from.getUTCMonth() + 1).padStart(2, "0")}`;
  if (kind === "quarter") return `${year}-Q${p.from.getUTCMonth() / 3 + 1}`;
  const whole = p.from.getTime() % DAY_MS === 0 && p.to.getTime() % DAY_MS === 0;
  return whole ? `${iso(p.from)}..${iso(p.to)}` : `${p.from.toISOString()}..${p.to.toISOString()}`;
}
