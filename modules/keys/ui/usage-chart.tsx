"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceArea,
  ReferenceDot,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { bucketLabel, bucketTick, type UsageBucket } from "@/modules/keys/ui/usage-buckets";
import { formatCount } from "@/platform/format";

export const COLOURS = {
  succeeded: "#1f7a68",
  failed: "#d97706",
  afterDisable: "#dc2626",
  keyOff: "#fecaca",
  /** The portal's own use: a series of its own, never counted as the data plane's. */
  portal: "#6366f1",
} as const;

interface Props {
  buckets: UsageBucket[];
  bucketMs: number;
  /** Stretches of the window in which the key was not enabled, as bucket categories. */
  offSpans: { from: string; to: string }[];
}

const axisTick = { fill: "currentColor", fontSize: 11 };

/**
 * Two charts on one time axis: successful calls, then failures on their own scale (a handful
 * of failures would vanish next to thousands of calls). The data plane's failures after a
 * disable are red, topped with a marker, inside a shaded "key off" stretch; this portal's own
 * reads (its page renders, rotation, revocation probes) are a separate indigo series in both
 * charts, so its refused page views are not mistaken for the kill switch stopping the customer's
 * systems. Hidden from assistive technology: the summary and the table say the same in words.
 */
export function UsageChart({ buckets, bucketMs, offSpans }: Props) {
  const label = (iso: unknown) => (typeof iso === "string" ? bucketLabel(iso, bucketMs) : "");
  const tick = (iso: unknown) => (typeof iso === "string" ? bucketTick(iso, bucketMs) : "");
  const tooltip = {
    labelFormatter: label,
    formatter: (value: unknown, name: unknown) => [formatCount(Number(value)), String(name)] as [string, string],
  };
  const shared = {
    data: buckets,
    syncId: "key-usage",
    margin: { top: 12, right: 12, bottom: 0, left: 4 },
    accessibilityLayer: false,
  };
  const marked = buckets.filter((b) => b.failedAfterDisable > 0);
  return (
    <div aria-hidden="true" className="space-y-2 text-slate-600 dark:text-slate-400" data-testid="usage-chart">
      <p className="text-xs font-medium">Successful calls (times in UTC)</p>
      <div className="h-44">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart {...shared}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} vertical={false} />
            <XAxis dataKey="bucket" tickFormatter={tick} tick={axisTick} minTickGap={24} />
            <YAxis tick={axisTick} width={56} allowDecimals={false} />
            {offSpans.map((s) => (
              <ReferenceArea
                key={s.from}
                x1={s.from}
                x2={s.to}
                fill={COLOURS.keyOff}
                fillOpacity={0.5}
                ifOverflow="hidden"
              />
            ))}
            <Tooltip {...tooltip} />
            <Bar
              dataKey="succeeded"
              name="Successful calls (data plane)"
              stackId="ok"
              fill={COLOURS.succeeded}
              isAnimationActive={false}
            />
            <Bar
              dataKey="portalSucceeded"
              name="This portal's own reads"
              stackId="ok"
              fill={COLOURS.portal}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="text-xs font-medium">Failed calls</p>
      <div className="h-36">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart {...shared}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} vertical={false} />
            <XAxis dataKey="bucket" tickFormatter={tick} tick={axisTick} minTickGap={24} />
            <YAxis tick={axisTick} width={56} allowDecimals={false} />
            {offSpans.map((s) => (
              <ReferenceArea
                key={s.from}
                x1={s.from}
                x2={s.to}
                fill={COLOURS.keyOff}
                fillOpacity={0.5}
                ifOverflow="hidden"
              />
            ))}
            <Tooltip {...tooltip} />
            <Bar
              dataKey="failed"
              name="Failed (data plane)"
              stackId="failures"
              fill={COLOURS.failed}
              isAnimationActive={false}
            />
            <Bar
              dataKey="failedAfterDisable"
              name="Failed after disable (data plane)"
              stackId="failures"
              fill={COLOURS.afterDisable}
              isAnimationActive={false}
            />
            <Bar
              dataKey="portalFailed"
              name="This portal's own reads, failed"
              stackId="portal"
              fill={COLOURS.portal}
              isAnimationActive={false}
            />
            {marked.map((b) => (
              <ReferenceDot
                key={b.bucket}
                x={b.bucket}
                y={b.failed + b.failedAfterDisable}
                r={5}
                fill={COLOURS.afterDisable}
                stroke="#fff"
                strokeWidth={2}
                ifOverflow="extendDomain"
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

/** The legend in HTML (readable, and the same words the table uses). */
export function UsageLegend() {
  const swatch = (colour: string) => (
    <span aria-hidden className="inline-block size-3 rounded-sm" style={{ background: colour }} />
  );
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label="Chart legend">
      <li className="flex items-center gap-1.5">{swatch(COLOURS.succeeded)} Successful calls (data plane)</li>
      <li className="flex items-center gap-1.5">{swatch(COLOURS.failed)} Failed (data plane)</li>
      <li className="flex items-center gap-1.5">
        {swatch(COLOURS.afterDisable)}
        <span
          aria-hidden
          className="inline-block size-2.5 rounded-full border-2 border-white bg-red-600 ring-1 ring-red-600"
        />
        Failed after disable (the kill switch at work on the data plane)
      </li>
      <li className="flex items-center gap-1.5">
        {swatch(COLOURS.portal)} This portal&apos;s own reads (page views, rotation, revocation probes)
      </li>
      <li className="flex items-center gap-1.5">
        {swatch(COLOURS.keyOff)} Key not enabled (for all or part of that time)
      </li>
    </ul>
  );
}
