import Link from "next/link";
import { Time } from "@/components/ui/time";
import { formatCount, formatDay, formatMillis, formatPercent } from "@/platform/format";
import type { GovernanceSummary } from "@/modules/governance/server/summary";

/**
 * The region's governance figures as a card for the compliance desk's home page. Render it with
 * `governanceSummary(actor)` (modules/governance/server/summary.ts); it shows nothing for null.
 */
export function GovernanceSummaryCard({ summary }: { summary: GovernanceSummary | null }) {
  if (!summary) return null;
  const figures: [string, string][] = [
    ["Records in the home region", formatPercent(summary.records_share)],
    ["Bytes in the home region", formatPercent(summary.bytes_share)],
    ["Open border violations", formatCount(summary.open_violations)],
    ["Keys rotated within their period", formatPercent(summary.key_coverage)],
    ["Time to revoke, p99", formatMillis(summary.revoke_p99_ms)],
    ["Overdue review items", formatCount(summary.overdue_reviews)],
  ];
  return (
    <section
      aria-labelledby="governance-summary-heading"
      className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      data-testid="governance-summary"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="governance-summary-heading" className="text-lg font-semibold">
          Governance in {summary.region}
        </h2>
        <Link href="/region/governance" className="text-sm underline underline-offset-2">
          All figures
        </Link>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {formatDay(summary.from)} to {formatDay(summary.to)} (UTC days); live as of <Time iso={summary.generated_at} />.
      </p>
    </section>
  );
}
