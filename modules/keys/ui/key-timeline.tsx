"use client";

import { Button } from "@/components/ui/button";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ChevronRight, Download } from "lucide-react";
import dynamic from "next/dynamic";
import { useEffect, useId, useMemo, useState } from "react";
import { KeyEventsList } from "@/modules/keys/ui/key-events-list";
import {
  bucketLabel,
  bucketUsage,
  offSpans,
  PERIODS,
  periodOf,
  usageByService,
  usageTotals,
  windowFor,
  type PeriodId,
} from "@/modules/keys/ui/usage-buckets";
import { ServiceUsageTable, UsageBucketTable } from "@/modules/keys/ui/usage-tables";
import {
  eventsCsvUrl,
  KEY_OPERATION_OPTIONS,
  keysApi,
  keysQueryKeys,
  type KeyOperation,
  type KeySummary,
  type TimelineFilter,
} from "@/modules/keys/client";
import { formatCount, humanize } from "@/platform/format";

// recharts is large: the chart and its legend come with it after the page, never in its first load.
const UsageChart = dynamic(() => import("@/modules/keys/ui/usage-chart").then((m) => m.UsageChart), {
  ssr: false,
  loading: () => <div className="h-96 animate-pulse rounded bg-slate-100 dark:bg-slate-900" />,
});
const UsageLegend = dynamic(() => import("@/modules/keys/ui/usage-chart").then((m) => m.UsageLegend), { ssr: false });

const SELECT =
  "mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950";

/** The current time, read after mount (so server and browser render the same markup) and every minute. */
function useNow(): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Lifecycle events and hourly usage of a key, filtered by key, operation and period, with a CSV of the same view. */
export function KeyTimeline({ tenant, keys }: { tenant: string; keys: KeySummary[] }) {
  const id = useId();
  const [keyId, setKeyId] = useState(keys[0]?.id ?? "");
  const [operation, setOperation] = useState<KeyOperation | null>(null);
  const [periodId, setPeriodId] = useState<PeriodId>("7d");
  const [showTable, setShowTable] = useState(false);
  const now = useNow();
  const period = periodOf(periodId);
  const range = useMemo(() => (now === null ? null : windowFor(period, now)), [now, period]);
  const filter: TimelineFilter | null = range
    ? { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString(), operation }
    : null;
  const key = keys.find((k) => k.id === keyId) ?? keys[0];

  const { data, error, isPending, isFetching } = useQuery({
    queryKey: keysQueryKeys.timeline(tenant, keyId, filter ?? { from: "", to: "", operation }),
    queryFn: () => keysApi.timeline(tenant, keyId, filter!),
    enabled: filter !== null && keyId !== "",
    // Changing a filter keeps the last chart on screen until the new one arrives.
    placeholderData: keepPreviousData,
  });

  const view = useMemo(() => {
    if (!data || !range) return null;
    const buckets = bucketUsage(data.usage, range, period.bucketMs);
    const totals = usageTotals(buckets);
    const busiest = buckets.reduce((best, b) => (b.succeeded > (best?.succeeded ?? -1) ? b : best), buckets[0]);
    return {
      buckets,
      totals,
      busiest,
      spans: offSpans(data.events, data.state, range, period.bucketMs),
      services: usageByService(data.usage),
    };
  }, [data, range, period.bucketMs]);

  if (!key) return null;
  const unit = period.bucketMs >= 86_400_000 ? "day" : "hour";
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        Key-event timeline
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        {keys.length > 1 && (
          <div>
            <label htmlFor={`${id}-key`} className="block text-sm font-medium">
              Key
            </label>
            <select id={`${id}-key`} value={keyId} onChange={(e) => setKeyId(e.target.value)} className={SELECT}>
              {keys.map((k) => (
                <option key={k.id} value={k.id}>
                  {humanize(k.alias)} ({k.key_ref})
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor={`${id}-operation`} className="block text-sm font-medium">
            Operation
          </label>
          <select
            id={`${id}-operation`}
            value={operation ?? ""}
            onChange={(e) => setOperation((e.target.value || null) as KeyOperation | null)}
            className={SELECT}
          >
            <option value="">All operations</option>
            {KEY_OPERATION_OPTIONS.map((op) => (
              <option key={op} value={op}>
                {humanize(op)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-period`} className="block text-sm font-medium">
            Period
          </label>
          <select
            id={`${id}-period`}
            value={periodId}
            onChange={(e) => setPeriodId(e.target.value as PeriodId)}
            className={SELECT}
          >
            {PERIODS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        {filter && (
          <a
            href={eventsCsvUrl(tenant, keyId, filter)}
            download
            className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            <Download aria-hidden className="size-4" /> Export CSV<span className="sr-only"> of this view</span>
          </a>
        )}
        <span className="text-xs text-slate-500" aria-live="polite">
          {isFetching && !isPending ? "Updating…" : ""}
        </span>
      </div>

      {error ? (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          The timeline could not be loaded: {error.message}
        </p>
      ) : !view ? (
        <p role="status" className="text-sm text-slate-500">
          Loading the timeline…
        </p>
      ) : (
        <>
          <figure aria-labelledby={`${id}-summary`} className="space-y-2">
            <figcaption id={`${id}-summary`} className="text-sm" data-testid="usage-summary">
              {period.label}: {formatCount(view.totals.ok + view.totals.failed + view.totals.after)} calls
              {operation ? ` (${humanize(operation)})` : ""} from the data plane,{" "}
              {formatCount(view.totals.failed + view.totals.after)} failed
              {view.totals.after > 0 ? (
                <strong className="text-red-800 dark:text-red-300">
                  , {formatCount(view.totals.after)} of them after the key was disabled — refused by the kill switch
                </strong>
              ) : null}
              .
              {view.totals.portalCalls > 0 ? (
                <span data-testid="usage-portal">
                  {" "}
                  This portal&apos;s own reads, counted apart: {formatCount(view.totals.portalCalls)},{" "}
                  {formatCount(view.totals.portalFailed)} failed
                  {view.totals.portalAfter > 0
                    ? `, ${formatCount(view.totals.portalAfter)} of them while the key was disabled (the portal failing closed, not the data plane)`
                    : ""}
                  .
                </span>
              ) : null}
              {view.busiest && view.busiest.succeeded > 0
                ? ` Busiest ${unit}: ${bucketLabel(view.busiest.bucket, period.bucketMs)} with ${formatCount(view.busiest.succeeded)} successful calls.`
                : ""}
            </figcaption>
            <UsageChart buckets={view.buckets} bucketMs={period.bucketMs} offSpans={view.spans} />
            <UsageLegend />
          </figure>
          <Button
            variant="link"
            aria-expanded={showTable}
            aria-controls={`${id}-table`}
            onClick={() => setShowTable((s) => !s)}
          >
            {/* One name in both states: aria-expanded says whether the table is open. */}
            <ChevronRight
              aria-hidden
              className={`mr-1 inline size-4 transition-transform ${showTable ? "rotate-90" : ""}`}
            />
            The numbers per {unit}, as a table
          </Button>
          {showTable && <UsageBucketTable id={`${id}-table`} buckets={view.buckets} bucketMs={period.bucketMs} />}
          <h3 className="font-semibold">Who used the key</h3>
          <ServiceUsageTable rows={view.services} />
          <h3 className="font-semibold">Lifecycle events</h3>
          <KeyEventsList events={data?.events ?? []} />
        </>
      )}
    </section>
  );
}
