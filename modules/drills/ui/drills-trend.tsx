"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Drill } from "@/modules/drills/client";
import { DRILL_KIND_LABELS, DRILL_KINDS } from "@/modules/drills/domain/model";
import { headlineMs } from "@/modules/drills/ui/drill-words";
import { formatAxisTime, formatMillis } from "@/platform/format";

// Not the tiers' colours (platform/region/tier.ts): a drill kind is not a tier.
const COLOURS = { key_revocation: "#1f7a68", kms_outage: "#0e7490", wrong_region: "#d97706" } as const;
const axisTick = { fill: "currentColor", fontSize: 11 };

/**
 * The headline figure of each finished drill over time, one line per kind. Hidden from assistive
 * technology: the history table next to it has every figure in words.
 */
export function DrillsTrend({ drills }: { drills: Drill[] }) {
  const points = drills
    .filter((d) => d.state === "completed")
    .map((d) => ({ at: formatAxisTime(d.started_at, "day"), kind: d.kind, ms: headlineMs(d) }))
    .filter((p) => p.ms !== null)
    .reverse()
    .map((p) => ({ at: p.at, [p.kind]: p.ms }));
  if (points.length < 2) return null;
  return (
    <div aria-hidden="true" className="h-48 text-slate-600 dark:text-slate-400" data-testid="drills-trend">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="at" tick={axisTick} />
          <YAxis tick={axisTick} unit=" ms" width={64} />
          <Tooltip formatter={(value: unknown) => (typeof value === "number" ? formatMillis(value) : String(value))} />
          <Legend />
          {DRILL_KINDS.map((k) => (
            <Line
              key={k}
              type="monotone"
              dataKey={k}
              name={DRILL_KIND_LABELS[k]}
              stroke={COLOURS[k]}
              connectNulls
              dot
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
