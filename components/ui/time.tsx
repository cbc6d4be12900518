import { formatDate, formatDateTime } from "@/platform/format";

/**
 * A moment, the same way everywhere: "3 Dec 2026, 14:05 UTC" (or the date alone), in a `<time>`
 * whose machine-readable value and hover text are the full ISO 8601 instant.
 */
export function Time({ iso, dateOnly = false, fallback = "never" }: { iso: string | null; dateOnly?: boolean; fallback?: string }) {
  if (!iso) return <>{fallback}</>;
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return <>{iso}</>;
  const full = instant.toISOString();
  return (
    <time dateTime={full} title={full}>
      {dateOnly ? `${formatDate(iso)} UTC` : formatDateTime(iso)}
    </time>
  );
}
