"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { OUTCOME_STYLE } from "@/modules/lineage/ui/outcome-style";
import type { Selection } from "@/modules/lineage/ui/lineage-canvas";
import { isFlowEvaluation, type GraphNode } from "@/modules/lineage/client";

interface Props {
  selection: Selection;
  nodes: Map<string, GraphNode>;
  focus: string | null;
  onFocus: (id: string) => void;
}

const Row = ({ k, v }: { k: string; v: ReactNode }) => (
  <>
    <dt className="text-slate-500">{k}</dt>
    <dd className="break-words">{v}</dd>
  </>
);

/** What the selected dataset, job or edge is: where it lives, what it holds, and how its flow was judged. */
export function LineageDetail({ selection, nodes, focus, onFocus }: Props) {
  if (!selection)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">Select a dataset, job or edge to see its details.</p>
    );
  if (selection.kind === "node") {
    const n = nodes.get(selection.id);
    if (!n) return <p className="text-sm">This node is not in the current view.</p>;
    return (
      <div className="space-y-2 text-sm" data-testid="lineage-detail">
        <h3 className="font-semibold">{n.name}</h3>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          <Row k="Kind" v={n.kind} />
          <Row k="Namespace" v={<span className="font-mono text-xs">{n.namespace}</span>} />
          <Row
            k="Region"
            v={`${n.region ?? "unknown"} (${n.region_source === "facet" ? "declared by its residency facet" : n.region_source === "rule" ? "placed by a namespace rule" : n.region_source === "derived" ? "where the job writes" : "nobody placed it"})`}
          />
          {n.subprocessor && <Row k="Subprocessor" v={n.subprocessor} />}
          {n.form && <Row k="Form" v={n.form} />}
          <Row k="Data classes" v={n.data_classes.length ? n.data_classes.join(", ") : "none declared"} />
          <Row
            k="Seen"
            v={
              <>
                {`${n.events} events${n.runs !== null ? `, ${n.runs} runs` : ""}; last `}
                <Time iso={n.last_seen} />
              </>
            }
          />
        </dl>
        {focus !== n.id && (
          <Button size="xs" onClick={() => onFocus(n.id)}>
            Focus on this {n.kind} (loads its facets)
          </Button>
        )}
        {n.facets && (
          <details>
            <summary className="cursor-pointer text-xs font-medium">Facets</summary>
            <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-900">
              {JSON.stringify(n.facets, null, 2)}
            </pre>
          </details>
        )}
      </div>
    );
  }
  const { edge: drawn } = selection;
  const style = OUTCOME_STYLE[drawn.outcome];
  const label = (id: string) => (id.startsWith("region:") ? `region ${id.slice(7)}` : (nodes.get(id)?.name ?? id));
  const evaluation = drawn.edge?.evaluation;
  return (
    <div className="space-y-2 text-sm" data-testid="lineage-detail">
      <h3 className="font-semibold">
        {label(drawn.source)} → {label(drawn.target)}
      </h3>
      <p className={`font-medium ${style.text}`}>{style.label}</p>
      {drawn.count > 1 || !drawn.edge ? (
        <p>
          {drawn.count} flow{drawn.count === 1 ? "" : "s"} aggregated; the worst outcome is shown. Expand the regions,
          or use the table, to see each flow.
        </p>
      ) : evaluation && isFlowEvaluation(evaluation) ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          <Row k="Crossing" v={evaluation.crossing ?? "none"} />
          <Row k="Data classes" v={evaluation.data_classes.join(", ") || "none declared"} />
          <Row k="Form" v={evaluation.form ?? "not stated"} />
          <Row k="Why" v={evaluation.reason ?? "—"} />
          <Row
            k="Decision applied"
            v={
              <pre className="whitespace-pre-wrap font-mono text-xs">
                {JSON.stringify(evaluation.decisions, null, 1)}
              </pre>
            }
          />
          <Row
            k="Observed"
            v={
              <>
                {drawn.edge.count} times; last <Time iso={drawn.edge.last_seen} />
              </>
            }
          />
        </dl>
      ) : (
        <p>A job edge: it carries the outcome of the worst flow through the job.</p>
      )}
    </div>
  );
}
