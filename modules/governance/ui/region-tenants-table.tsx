"use client";

import Link from "next/link";
import { SortableTable } from "@/components/ui/sortable-table";
import { formatCount, formatDate, formatPercent } from "@/platform/format";
import type { TenantHeadline } from "@/modules/governance/api-schemas";

/** Each tenant's headline figures on the period's last day, sortable (worst first by any column). */
export function RegionTenantsTable({ tenants, asOf }: { tenants: TenantHeadline[]; asOf: string }) {
  const share = (v: number | null) => v ?? -1;
  return (
    <SortableTable
      caption={`Each tenant's figures on ${formatDate(asOf)}`}
      rows={tenants}
      rowKey={(t) => t.slug}
      empty="No snapshot of the tenants for that day: choose a period that ends today or on a day the snapshot job ran."
      maxHeight="max-h-[32rem]"
      data-testid="region-tenants"
      initialSort={{ key: "name", direction: "ascending" }}
      columns={[
        {
          key: "name",
          header: "Tenant",
          rowHeader: true,
          sortValue: (t) => t.name,
          cell: (t) => (
            <Link href={`/t/${t.slug}/governance`} className="underline underline-offset-2">
              {t.name}
            </Link>
          ),
        },
        {
          key: "records",
          header: "Records at home",
          align: "right",
          sortValue: (t) => share(t.records_share),
          cell: (t) => formatPercent(t.records_share),
        },
        {
          key: "bytes",
          header: "Bytes at home",
          align: "right",
          sortValue: (t) => share(t.bytes_share),
          cell: (t) => formatPercent(t.bytes_share),
        },
        {
          key: "violations",
          header: "Open violations",
          align: "right",
          sortValue: (t) => t.open_violations,
          cell: (t) => formatCount(t.open_violations),
        },
        {
          key: "keys",
          header: "Keys in period",
          align: "right",
          sortValue: (t) => share(t.key_coverage),
          cell: (t) => formatPercent(t.key_coverage),
        },
        {
          key: "reviews",
          header: "Open reviews (overdue)",
          align: "right",
          sortValue: (t) => t.overdue_reviews * 1_000_000 + t.open_reviews,
          cell: (t) => `${formatCount(t.open_reviews)} (${formatCount(t.overdue_reviews)})`,
        },
      ]}
    />
  );
}
