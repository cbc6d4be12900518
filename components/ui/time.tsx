import { formatDate, formatDateTime, formatPreciseTime } from "@/platform/format";

/**
 * A moment, the same way everywhere: "3 Dec 2026, 14:05 UTC" (or the date alone), in a `<time>`
 * whose machine-readable value and hover text are the full ISO 8601 instant.
 */
export function Time({
  iso,
  format = "datetime",
  fallback = "never",
}: {
  iso: string | null;
  /** "date": the calendar day; "precise": the time of day to the millisecond. Always in UTC. */
  format?: "datetime" | "date" | "precise";
  fallback?: string;
}) {
  if (!iso) return <>{fallback}</>;
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return <>{iso}</>;
  const full = instant.toISOString();
  return (
    <time dateTime={full} title={full}>
      {format === "date"
        ? `${formatDate(iso)} UTC`
        : format === "precise"
          ? formatPreciseTime(iso)
          : formatDateTime(iso)}
    </time>
  );
}
