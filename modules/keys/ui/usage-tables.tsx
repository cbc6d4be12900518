import { bucketLabel, type ServiceUsage, type UsageBucket } from "@/modules/keys/ui/usage-buckets";
import { formatCount, humanize } from "@/platform/format";

const TH = "px-2 py-1 text-right";
const TD = "px-2 py-1 text-right tabular-nums";

/** The chart's numbers, bucket by bucket: its text alternative. */
export function UsageBucketTable({ id, buckets, bucketMs }: { id: string; buckets: UsageBucket[]; bucketMs: number }) {
  return (
    <div
      tabIndex={0}
      id={id}
      className="max-h-80 overflow-y-auto rounded-md border border-slate-200 dark:border-slate-800"
    >
      <table className="w-full text-sm" data-testid="usage-table">
        <caption className="sr-only">Calls per {bucketMs >= 86_400_000 ? "day" : "hour"}</caption>
        <thead className="sticky top-0 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900">
          <tr>
            <th scope="col" className="px-2 py-1 text-left">
              {bucketMs >= 86_400_000 ? "Day (UTC)" : "Hour (UTC)"}
            </th>
            <th scope="col" className={TH}>
              Successful
            </th>
            <th scope="col" className={TH}>
              Failed
            </th>
            <th scope="col" className={TH}>
              Failed after disable
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {buckets.map((b) => (
            <tr
              key={b.bucket}
              data-after-disable={b.failedAfterDisable > 0 ? "" : undefined}
              className={b.failedAfterDisable > 0 ? "bg-red-50 dark:bg-red-950" : ""}
            >
              <th scope="row" className="px-2 py-1 text-left font-normal">
                {bucketLabel(b.bucket, bucketMs)}
              </th>
              <td className={TD}>{formatCount(b.succeeded)}</td>
              <td className={TD}>{formatCount(b.failed)}</td>
              <td className={`${TD} ${b.failedAfterDisable > 0 ? "font-semibold text-red-800 dark:text-red-300" : ""}`}>
                {formatCount(b.failedAfterDisable)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Who used the key in the window: service identities and operations, busiest first. */
export function ServiceUsageTable({ rows }: { rows: ServiceUsage[] }) {
  if (rows.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">No calls to this key in this period.</p>;
  return (
    <div tabIndex={0} className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
      <table className="w-full text-sm" data-testid="service-usage">
        <caption className="sr-only">Calls by service identity and operation</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900">
          <tr>
            <th scope="col" className="px-2 py-1 text-left">
              Service identity
            </th>
            <th scope="col" className="px-2 py-1 text-left">
              Operation
            </th>
            <th scope="col" className={TH}>
              Calls
            </th>
            <th scope="col" className={TH}>
              Failed
            </th>
            <th scope="col" className={TH}>
              Failed after disable
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((r) => (
            <tr key={`${r.service}/${r.operation}`}>
              <th scope="row" className="px-2 py-1 text-left font-mono text-xs font-normal">
                {r.service}
              </th>
              <td className="px-2 py-1">{humanize(r.operation)}</td>
              <td className={TD}>{formatCount(r.calls)}</td>
              <td className={TD}>{formatCount(r.failed)}</td>
              <td className={`${TD} ${r.failedAfterDisable > 0 ? "font-semibold text-red-800 dark:text-red-300" : ""}`}>
                {formatCount(r.failedAfterDisable)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
