"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatCount, formatPercent } from "@/platform/format";

/**
 * The Governance charts (recharts, loaded on demand by ChartSlot). Hidden from assistive
 * technology: each has a table next to it that says the same in words and numbers.
 */
export type ChartSpec =
  | {
      kind: "line-percent";
      /** One point per x value; null values leave a gap (a day without figures). */
      data: Record<string, string | number | null>[];
      x: string;
      series: { key: string; name: string; colour: string }[];
    }
  | {
      kind: "bar";
      data: Record<string, string | number | null>[];
      x: string;
      series: { key: string; name: string; colour: string }[];
      percent?: boolean;
    };

const axisTick = { fill: "currentColor", fontSize: 11 };

export default function GovernanceChart({ spec }: { spec: ChartSpec }) {
  const asPercent = spec.kind === "line-percent" || spec.percent === true;
  const tickFormatter = asPercent ? (v: number) => formatPercent(v, 0) : (v: number) => formatCount(v);
  const formatter = (value: unknown, name: unknown) =>
    [
      typeof value === "number" ? (asPercent ? formatPercent(value) : formatCount(value)) : String(value ?? "no data"),
      String(name),
    ] as [string, string];
  const margin = { top: 8, right: 12, bottom: 0, left: 4 };
  return (
    <div aria-hidden="true" className="h-56 text-slate-600 dark:text-slate-400" data-testid="governance-chart">
      <ResponsiveContainer width="100%" height="100%">
        {spec.kind === "line-percent" ? (
          <LineChart data={spec.data} margin={margin} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} vertical={false} />
            <XAxis dataKey={spec.x} tick={axisTick} minTickGap={24} />
            <YAxis tick={axisTick} width={48} domain={[0, 1]} tickFormatter={tickFormatter} />
            <Tooltip formatter={formatter} />
            <Legend />
            {spec.series.map((s) => (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.name}
                stroke={s.colour}
                dot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        ) : (
          <BarChart data={spec.data} margin={margin} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} vertical={false} />
            <XAxis dataKey={spec.x} tick={axisTick} minTickGap={8} />
            <YAxis
              tick={axisTick}
              width={48}
              allowDecimals={false}
              domain={asPercent ? [0, 1] : undefined}
              tickFormatter={tickFormatter}
            />
            <Tooltip formatter={formatter} />
            <Legend />
            {spec.series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.colour} isAnimationActive={false} />
            ))}
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
