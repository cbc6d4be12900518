"use client";

import { FormField, describedBy, inputClass } from "@/components/ui/field";
import { Time } from "@/components/ui/time";
import {
  datesOf,
  monthOptions,
  quarterOptions,
  todayUtc,
  type PeriodChoice,
} from "@/modules/evidence/ui/package-period";

const DAY_MS = 86_400_000;
/** The last day a period covers: the day before its end, which is not included. */
const lastDay = (to: string) => new Date(new Date(`${to}T00:00:00Z`).getTime() - DAY_MS).toISOString();

const KINDS = [
  { kind: "month", label: "Calendar month" },
  { kind: "quarter", label: "Quarter" },
  { kind: "range", label: "Custom dates" },
] as const;

/**
 * The period of a package: a radio group for the kind, then a month, a quarter, or two dates. All in
 * UTC, and it says so; the end date is not included. `problemId` names the message that says what
 * is wrong with the period, when something is.
 */
export function PeriodPicker({
  value,
  onChange,
  now,
  problemId,
  disabled,
}: {
  value: PeriodChoice;
  onChange: (choice: PeriodChoice) => void;
  now: Date;
  problemId: string | null;
  disabled: boolean;
}) {
  const months = monthOptions(now);
  const quarters = quarterOptions(now);
  const today = todayUtc(now);
  const dates = datesOf(value);
  const aria = (id: string, hint: boolean) => describedBy(id, hint, problemId !== null, problemId ?? "");

  function pick(kind: PeriodChoice["kind"]) {
    if (kind === value.kind) return;
    // Switching keeps the dates chosen so far, so "Custom dates" starts from the month or quarter.
    const current = dates ?? datesOf({ kind: "month", month: months[0]!.value })!;
    if (kind === "month") onChange({ kind, month: months[0]!.value });
    else if (kind === "quarter") onChange({ kind, quarter: quarters[0]!.value });
    else onChange({ kind, from: current.from, to: current.to });
  }

  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-800" disabled={disabled}>
      <legend className="px-1 text-sm font-medium">Period (UTC)</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {KINDS.map((k) => (
          <label key={k.kind} className="inline-flex items-center gap-1.5">
            <input
              type="radio"
              name="evidence-period-kind"
              value={k.kind}
              checked={value.kind === k.kind}
              onChange={() => pick(k.kind)}
            />
            {k.label}
          </label>
        ))}
      </div>

      {value.kind === "month" && (
        <FormField id="evidence-month" label="Month">
          <select
            id="evidence-month"
            className={inputClass}
            value={value.month}
            onChange={(e) => onChange({ kind: "month", month: e.target.value })}
            {...aria("evidence-month", false)}
          >
            {months.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </FormField>
      )}

      {value.kind === "quarter" && (
        <FormField id="evidence-quarter" label="Quarter">
          <select
            id="evidence-quarter"
            className={inputClass}
            value={value.quarter}
            onChange={(e) => onChange({ kind: "quarter", quarter: e.target.value })}
            {...aria("evidence-quarter", false)}
          >
            {quarters.map((q) => (
              <option key={q.value} value={q.value}>
                {q.label}
              </option>
            ))}
          </select>
        </FormField>
      )}

      {value.kind === "range" && (
        <div className="grid gap-3 sm:grid-cols-2">
          <FormField id="evidence-from" label="From (first day covered)" hint="Midnight UTC at the start of this day.">
            <input
              id="evidence-from"
              type="date"
              required
              value={value.from}
              max={today}
              onChange={(e) => onChange({ ...value, from: e.target.value })}
              className={inputClass}
              {...aria("evidence-from", true)}
            />
          </FormField>
          <FormField id="evidence-to" label="Until (not included)" hint="At most a year after the first day.">
            <input
              id="evidence-to"
              type="date"
              required
              value={value.to}
              max={today}
              onChange={(e) => onChange({ ...value, to: e.target.value })}
              className={inputClass}
              {...aria("evidence-to", true)}
            />
          </FormField>
        </div>
      )}

      <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="evidence-period-covered">
        {dates && dates.to > dates.from ? (
          <>
            Covers whole days from <Time iso={`${dates.from}T00:00:00Z`} format="date" /> through{" "}
            <Time iso={lastDay(dates.to)} format="date" />.
          </>
        ) : (
          "Choose a start date before the end date."
        )}
      </p>
    </fieldset>
  );
}
