import { formatDate, formatDateTime, formatPreciseTime } from "@/platform/format";

/**
 * A moment, the same way everywhere: "3 Dec 2026, 14:05 UTC", the day alone ("14 December 2026
 * UTC") or the time of day to the millisecond, in a `<time>` whose machine-readable value and
 * hover text are the full ISO 8601 instant. Always in UTC (platform/format.ts): the server and
 * the browser render the same text, so there is nothing to correct after hydration.
 */
export function Time({
  iso,
  format = "datetime",
  fallback = "never",
  className,
  stacked = false,
}: {
  iso: string | null;
  /** "date": the calendar day; "precise": the time of day to the millisecond. Always in UTC. */
  format?: "datetime" | "date" | "precise";
  fallback?: string;
  className?: string;
  /** A date-time on two lines, the day over the time ("3 Dec 2026" / "14:05 UTC"), for narrow columns. */
  stacked?: boolean;
}) {
  if (!iso) return <>{fallback}</>;
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return <>{iso}</>;
  const full = instant.toISOString();
  const text =
    format === "date" ? formatDate(iso) : format === "precise" ? formatPreciseTime(iso) : formatDateTime(iso);
  const comma = text.lastIndexOf(", ");
  return (
    <time dateTime={full} title={full} className={className}>
      {stacked && format === "datetime" && comma > 0 ? (
        <>
          <span className="block whitespace-nowrap">{text.slice(0, comma)}</span>
          <span className="block whitespace-nowrap text-xs text-slate-600 dark:text-slate-400">
            {text.slice(comma + 2)}
          </span>
        </>
      ) : (
        text
      )}
    </time>
  );
}
