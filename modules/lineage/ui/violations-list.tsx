"use client";

import { Time } from "@/components/ui/time";
import { formatCount } from "@/platform/format";
import { explainFlow } from "@/modules/lineage/domain/explain";
import { FlowExplain } from "@/modules/lineage/ui/flow-explanation";
import { ViolationActions } from "@/modules/lineage/ui/violation-actions";
import type { LineageAction, ViolationView } from "@/modules/lineage/client";

interface Props {
  tenant: string;
  violations: ViolationView[];
  nameOf: (key: string) => string;
  allowed: readonly LineageAction[];
  onOpen: (v: ViolationView) => void;
}

/** The API lists at most this many (modules/lineage/server/violations.ts). */
const VIOLATIONS_LISTED = 50;
const place = (region: string | null) => region ?? "region unknown";

/** The findings to act on: each flow judged a violation, what it carries where, and what to do about it. */
export function ViolationsList({ tenant, violations, nameOf, allowed, onOpen }: Props) {
  if (violations.length === 0) return null;
  return (
    <section
      id="violations"
      aria-labelledby="violations-h"
      className="space-y-2 rounded-lg border border-red-200 p-3 dark:border-red-900"
      data-testid="lineage-violations"
    >
      <h2 id="violations-h" className="text-lg font-semibold">
        Violations to act on
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {violations.length >= VIOLATIONS_LISTED
          ? `The ${formatCount(violations.length)} most recently seen flows no sharing decision allows; the table of border crossings counts them all.`
          : "Flows no sharing decision allows, most recently seen first."}
      </p>
      <ul className="divide-y divide-slate-200 dark:divide-slate-800">
        {violations.map((v) => {
          const ends = { from: v.source.region, to: v.target.region, subprocessor: v.target.subprocessor };
          const explanation = explainFlow(v.evaluation, ends, nameOf);
          const classes = v.evaluation.data_classes.map(nameOf);
          const to =
            v.evaluation.crossing === "subprocessor" && v.target.subprocessor
              ? `${v.target.subprocessor}, ${place(v.target.region)}`
              : place(v.target.region);
          return (
            <li key={v.edge} className="space-y-2 py-3" data-edge={v.edge}>
              <p>
                <strong>{classes.length ? classes.join(", ") : "Data of no declared class"}</strong> from{" "}
                <span className="break-all font-medium">{v.source.name}</span> ({place(v.source.region)}) to{" "}
                <span className="break-all font-medium">{v.target.name}</span> ({to})
              </p>
              <p className="text-sm">{explanation.conclusion}</p>
              <p className="text-xs text-slate-600 dark:text-slate-400">
                Seen {formatCount(v.count)} times; last <Time iso={v.last_seen} />
              </p>
              <ViolationActions
                tenant={tenant}
                ends={{ ...ends, crossing: v.evaluation.crossing, flow: `${v.source.name} → ${v.target.name}` }}
                explanation={explanation}
                reviewItem={v.evaluation.review_item}
                allowed={allowed}
                onOpen={() => onOpen(v)}
              />
              <FlowExplain explanation={explanation} evaluatedAt={v.evaluation.evaluated_at} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
