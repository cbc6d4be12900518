import { Download } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { formatCount } from "@/platform/format";
import { accessesCsvUrl, type AccessDay } from "@/modules/support/client";

function Outside({ count }: { count: number }) {
  if (count === 0) return <span>0</span>;
  return (
    <span className="font-semibold text-red-700 dark:text-red-300">
      {formatCount(count)} <span className="text-xs font-medium">outside any grant</span>
    </span>
  );
}

/**
 * The per-access log as the page shows it: counts per day and per grant (the raw events stay in
 * the ingest table and download as CSV), accesses outside any grant in red and said in words.
 */
export function AccessLog({
  tenant,
  daily,
  grantLabels,
}: {
  tenant: string;
  daily: AccessDay[];
  /** Who each grant was given to and what it allowed, by grant id. */
  grantLabels: Record<string, string>;
}) {
  const days = new Map<string, { day: string; within: number; outside: number }>();
  const grants = new Map<string, { grant: string | null; within: number; outside: number; last: string }>();
  for (const d of daily) {
    const day = days.get(d.day) ?? { day: d.day, within: 0, outside: 0 };
    day.within += d.within_grant;
    day.outside += d.outside_grant;
    days.set(d.day, day);
    const key = d.grant_id ?? "";
    const g = grants.get(key) ?? { grant: d.grant_id, within: 0, outside: 0, last: d.day };
    g.within += d.within_grant;
    g.outside += d.outside_grant;
    if (d.day > g.last) g.last = d.day;
    grants.set(key, g);
  }
  const outsideTotal = [...days.values()].reduce((n, d) => n + d.outside, 0);
  const label = (id: string | null) =>
    id === null ? "No grant named (reported without one)" : (grantLabels[id] ?? `Grant ${id.slice(0, 8)}`);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Every access by provider staff to your data in the last 90 days, judged against the grants.{" "}
          {outsideTotal > 0 ? (
            <strong className="text-red-700 dark:text-red-300" data-testid="outside-grant-total">
              {formatCount(outsideTotal)} access{outsideTotal === 1 ? " was" : "es were"} outside any grant.
            </strong>
          ) : (
            "None was outside a grant."
          )}
        </p>
        <a className={buttonClass({ variant: "secondary" })} href={accessesCsvUrl(tenant)} download>
          <Download aria-hidden className="size-4" />
          Export every access (CSV)
        </a>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Table
          caption="Accesses per day"
          captionVisible
          rows={[...days.values()]}
          rowKey={(d) => d.day}
          empty="No access by provider staff in the last 90 days."
          density="compact"
          maxHeight="max-h-80"
          columns={[
            {
              key: "day",
              header: "Day",
              rowHeader: true,
              cell: (d) => <Time iso={`${d.day}T00:00:00Z`} format="date" />,
            },
            { key: "within", header: "Within a grant", align: "right", cell: (d) => formatCount(d.within) },
            { key: "outside", header: "Outside any grant", align: "right", cell: (d) => <Outside count={d.outside} /> },
          ]}
        />
        <Table
          caption="Accesses per grant"
          captionVisible
          rows={[...grants.values()].sort((a, b) => b.last.localeCompare(a.last))}
          rowKey={(g) => g.grant ?? "none"}
          empty="No access by provider staff in the last 90 days."
          density="compact"
          maxHeight="max-h-80"
          columns={[
            {
              key: "grant",
              header: "Grant",
              rowHeader: true,
              className: "min-w-48",
              cell: (g) => <span className="text-sm">{label(g.grant)}</span>,
            },
            { key: "within", header: "Within", align: "right", cell: (g) => formatCount(g.within) },
            { key: "outside", header: "Outside", align: "right", cell: (g) => <Outside count={g.outside} /> },
          ]}
        />
      </div>
    </div>
  );
}
