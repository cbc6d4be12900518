import { formatCount, formatMonth } from "@/platform/format";
import { calendarMonth, calendarQuarter, oneYearAfter, type Period } from "@/modules/attestations/domain/period";

/**
 * The period of an evidence package as the form chooses it: a calendar month, a quarter, or any
 * dates up to a year, all in UTC, the end not included. The server applies the same rules (the
 * attestations' period rules) and decides; these checks only say early what it would refuse.
 */
export type PeriodChoice =
  | { kind: "month"; month: string } // "2026-11"
  | { kind: "quarter"; quarter: string } // "2026-Q3"
  | { kind: "range"; from: string; to: string }; // YYYY-MM-DD, `to` not included

/** Dates as the API takes them: YYYY-MM-DD, midnight UTC, `to` not included. */
export interface DatePeriod {
  from: string;
  to: string;
}

/** An auditor's engagement periods, [from, to) as ISO instants; null is open on that side. */
export interface EngagementScope {
  from: string | null;
  to: string | null;
}

export interface PeriodOption {
  value: string;
  label: string;
}

const DAY_MS = 86_400_000;
const SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export const MAX_SAMPLE = 1000;

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const asDates = (p: Period): DatePeriod => ({ from: isoDate(p.from), to: isoDate(p.to) });

/** Today's date in UTC, the latest end a period may have. */
export const todayUtc = (now: Date) => isoDate(new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS));

/** The `count` calendar months that have ended at `now`, newest first ("2026-11", "November 2026"). */
export function monthOptions(now: Date, count = 24): PeriodOption[] {
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1 - i, 1));
    const month = at.getUTCMonth();
    return {
      value: `${at.getUTCFullYear()}-${String(month + 1).padStart(2, "0")}`,
      label: formatMonth(`${at.getUTCFullYear()}-${String(month + 1).padStart(2, "0")}`),
    };
  });
}

/** The `count` calendar quarters that have ended at `now`, newest first ("2026-Q3", "2026 Q3 (Jul–Sep)"). */
export function quarterOptions(now: Date, count = 8): PeriodOption[] {
  const current = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3);
  return Array.from({ length: count }, (_, i) => {
    const index = current - 1 - i;
    const year = Math.floor(index / 4);
    const q = (index % 4) + 1;
    return { value: `${year}-Q${q}`, label: `${year} Q${q} (${SHORT[(q - 1) * 3]}–${SHORT[q * 3 - 1]})` };
  });
}

/** The dates a choice stands for, or null when it is not a month, a quarter or two dates. */
export function datesOf(choice: PeriodChoice): DatePeriod | null {
  if (choice.kind === "month") {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(choice.month);
    return m ? asDates(calendarMonth(Number(m[1]), Number(m[2]))) : null;
  }
  if (choice.kind === "quarter") {
    const m = /^(\d{4})-Q([1-4])$/.exec(choice.quarter);
    return m ? asDates(calendarQuarter(Number(m[1]), Number(m[2]) as 1 | 2 | 3 | 4)) : null;
  }
  return validDate(choice.from) && validDate(choice.to) ? { from: choice.from, to: choice.to } : null;
}

function validDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const at = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && isoDate(at) === text;
}

const day = (iso: string) => new Date(iso).toISOString().slice(0, 10);
const midnight = (date: string) => new Date(`${date}T00:00:00Z`).getTime();

/**
 * What the server would refuse about this period, in words, or null. An auditor's period must lie
 * inside the engagement's; everyone's must have ended and last at most a year.
 */
export function periodProblem(period: DatePeriod | null, now: Date, scope: EngagementScope | null): string | null {
  if (!period) return "Choose a month, a quarter, or both dates (YYYY-MM-DD).";
  const from = midnight(period.from);
  const to = midnight(period.to);
  if (to <= from) return "The end date must come after the start date.";
  if (to > now.getTime())
    return `That period has not ended yet: a package covers the past only, so the end date (not included) can be ${todayUtc(now)} at the latest.`;
  const latest = oneYearAfter(new Date(from));
  if (to > latest.getTime())
    return `A package covers at most a year: starting ${period.from}, end on ${isoDate(latest)} at the latest.`;
  if (scope) {
    const before = scope.from !== null && from < new Date(scope.from).getTime();
    const after = scope.to !== null && to > new Date(scope.to).getTime();
    if (before || after)
      return `Your engagement covers ${scope.from ? day(scope.from) : "any time"} to ${scope.to ? day(scope.to) : "now"} (end not included): choose a period inside it.`;
  }
  return null;
}

/** The sample size and seed as the API takes them, or what is wrong with them. */
export function sampleOf(
  size: string,
  seed: string,
): { ok: true; sample: number | null; seed: string | null } | { ok: false; field: "size" | "seed"; problem: string } {
  const n = size.trim();
  const s = seed.trim().toLowerCase();
  if (n !== "" && (!/^\d+$/.test(n) || Number(n) < 1 || Number(n) > MAX_SAMPLE))
    return {
      ok: false,
      field: "size",
      problem: `A sample size is a whole number from 1 to ${formatCount(MAX_SAMPLE)}.`,
    };
  if (s !== "" && !/^[0-9a-f]{64}$/.test(s))
    return {
      ok: false,
      field: "seed",
      problem: `A seed is 64 hexadecimal digits (0–9, a–f); this one has ${s.length} characters.`,
    };
  if (s !== "" && n === "")
    return {
      ok: false,
      field: "seed",
      problem: "A seed only draws a sample: give a sample size too, or clear the seed.",
    };
  return { ok: true, sample: n === "" ? null : Number(n), seed: s === "" ? null : s };
}

/** The default choice: last month, or for an auditor the newest month inside the engagement. */
export function defaultMonth(now: Date, scope: EngagementScope | null): string {
  const months = monthOptions(now);
  const inside = months.find((m) => periodProblem(datesOf({ kind: "month", month: m.value }), now, scope) === null);
  return (inside ?? months[0]!).value;
}

/** The period's name, as file names and headings use it: "2026-11", "2026-Q3", "2026-01-15..2026-03-01". */
export function periodLabel(choice: PeriodChoice): string {
  if (choice.kind === "month") return choice.month;
  if (choice.kind === "quarter") return choice.quarter;
  return `${choice.from}..${choice.to}`;
}
