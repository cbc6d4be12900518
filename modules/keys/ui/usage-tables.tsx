import { bucketLabel, type ServiceUsage, type UsageBucket } from "@/modules/keys/ui/usage-buckets";
import { formatCount, humanize } from "@/platform/format";
import { SortableTable } from "@/components/ui/sortable-table";
import { Table } from "@/components/ui/table";

const alarm = (n: number) => (n > 0 ? "font-semibold text-red-800 dark:text-red-300" : "");

/**
 * The chart's numbers, bucket by bucket: its text alternative. The first three figures are the
 * data plane's; the last two, this portal's own reads (page renders, rotation, probes).
 */
export function UsageBucketTable({ id, buckets, bucketMs }: { id: string; buckets: UsageBucket[]; bucketMs: number }) {
  const daily = bucketMs >= 86_400_000;
  return (
    <Table
      id={id}
      data-testid="usage-table"
      caption={`Calls per ${daily ? "day" : "hour"}`}
      density="compact"
      maxHeight="max-h-80"
      rows={buckets}
      rowKey={(b) => b.bucket}
      rowProps={(b) => ({
        "data-after-disable": b.failedAfterDisable > 0 ? "" : undefined,
        "data-portal-failed": b.portalFailed > 0 ? "" : undefined,
        className: b.failedAfterDisable > 0 ? "bg-red-50 dark:bg-red-950" : undefined,
      })}
      empty="No calls in this period."
      columns={[
        {
          key: "bucket",
          header: daily ? "Day" : "Hour",
          rowHeader: true,
          cell: (b) => bucketLabel(b.bucket, bucketMs),
        },
        { key: "ok", header: "Successful", align: "right", cell: (b) => formatCount(b.succeeded) },
        { key: "failed", header: "Failed", align: "right", cell: (b) => formatCount(b.failed) },
        {
          key: "after",
          header: "Failed after disable",
          align: "right",
          cell: (b) => <span className={alarm(b.failedAfterDisable)}>{formatCount(b.failedAfterDisable)}</span>,
        },
        {
          key: "portal",
          header: "This portal: reads",
          align: "right",
          cell: (b) => formatCount(b.portalSucceeded + b.portalFailed),
        },
        {
          key: "portal-failed",
          header: "This portal: failed",
          align: "right",
          cell: (b) => formatCount(b.portalFailed),
        },
      ]}
    />
  );
}

/**
 * Who used the key in the window: service identities and operations, busiest first (sortable),
 * each with its source. "Failed after disable" is the data plane's; the portal's refused reads
 * are in its "Failed".
 */
export function ServiceUsageTable({ rows }: { rows: ServiceUsage[] }) {
  return (
    <SortableTable
      data-testid="service-usage"
      caption="Calls by service identity and operation"
      density="compact"
      rows={rows}
      rowKey={(r) => `${r.source}/${r.service}/${r.operation}`}
      empty="No calls to this key in this period."
      columns={[
        {
          key: "service",
          header: "Service identity",
          rowHeader: true,
          className: "font-mono text-xs",
          sortValue: (r) => r.service,
          cell: (r) => r.service,
        },
        {
          key: "source",
          header: "Source",
          sortValue: (r) => r.source,
          cell: (r) => (r.source === "portal" ? "This portal" : "Data plane"),
        },
        { key: "operation", header: "Operation", sortValue: (r) => r.operation, cell: (r) => humanize(r.operation) },
        { key: "calls", header: "Calls", align: "right", sortValue: (r) => r.calls, cell: (r) => formatCount(r.calls) },
        {
          key: "failed",
          header: "Failed",
          align: "right",
          sortValue: (r) => r.failed,
          cell: (r) => formatCount(r.failed),
        },
        {
          key: "after",
          header: "Failed after disable",
          align: "right",
          sortValue: (r) => r.failedAfterDisable,
          cell: (r) => <span className={alarm(r.failedAfterDisable)}>{formatCount(r.failedAfterDisable)}</span>,
        },
      ]}
    />
  );
}
