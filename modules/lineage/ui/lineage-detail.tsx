"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { formatCount } from "@/platform/format";
import { OUTCOME_STYLE } from "@/modules/lineage/ui/outcome-style";
import type { Selection } from "@/modules/lineage/ui/lineage-canvas";
import {
  isFlowEvaluation,
  type FlowEvaluationView,
  type GraphEdge,
  type GraphNode,
  type LineageAction,
} from "@/modules/lineage/client";
import { explainFlow } from "@/modules/lineage/domain/explain";
import { FlowExplain } from "@/modules/lineage/ui/flow-explanation";
import { ViolationActions } from "@/modules/lineage/ui/violation-actions";

interface Props {
  tenant: string;
  selection: Selection;
  nodes: Map<string, GraphNode>;
  focus: string | null;
  onFocus: (id: string) => void;
  /** A data class's name by its key. */
  nameOf: (key: string) => string;
  allowed: readonly LineageAction[];
}

const Row = ({ k, v }: { k: string; v: ReactNode }) => (
  <>
    <dt className="text-slate-500">{k}</dt>
    <dd className="break-words">{v}</dd>
  </>
);

/** What the selected dataset, job or edge is: where it lives, what it holds, and how its flow was judged. */
export function LineageDetail({ tenant, selection, nodes, focus, onFocus, nameOf, allowed }: Props) {
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
          <Row k="Data classes" v={n.data_classes.length ? n.data_classes.map(nameOf).join(", ") : "none declared"} />
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
        <FlowDetail
          key={drawn.edge.id}
          tenant={tenant}
          edge={drawn.edge}
          evaluation={evaluation}
          source={nodes.get(drawn.edge.source)}
          target={nodes.get(drawn.edge.target)}
          nameOf={nameOf}
          allowed={allowed}
        />
      ) : (
        <p>A job edge: it carries the outcome of the worst flow through the job.</p>
      )}
    </div>
  );
}

const CROSSING: Record<string, string> = {
  region: "into another region",
  subprocessor: "into a subprocessor's hands",
};

/** A flow's judgement: where it goes, what it carries, why, and (a violation) what to do about it. */
function FlowDetail(p: {
  tenant: string;
  edge: GraphEdge;
  evaluation: FlowEvaluationView;
  source: GraphNode | undefined;
  target: GraphNode | undefined;
  nameOf: (key: string) => string;
  allowed: readonly LineageAction[];
}) {
  const { evaluation: ev, source, target } = p;
  const place = {
    from: source?.region ?? null,
    to: target?.region ?? null,
    subprocessor: target?.subprocessor ?? null,
  };
  const explanation = explainFlow(ev, place, p.nameOf);
  return (
    <div className="space-y-3">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <Row k="Crossing" v={ev.crossing ? (CROSSING[ev.crossing] ?? ev.crossing) : "none"} />
        <Row k="Data classes" v={ev.data_classes.map(p.nameOf).join(", ") || "none declared"} />
        <Row k="Form" v={ev.form ?? "not stated"} />
        <Row k="Why" v={explanation.conclusion} />
        <Row
          k="Observed"
          v={
            <>
              {formatCount(p.edge.count)} times; last <Time iso={p.edge.last_seen} />
            </>
          }
        />
      </dl>
      {ev.outcome === "violation" && (
        <ViolationActions
          tenant={p.tenant}
          ends={{ ...place, crossing: ev.crossing, flow: `${source?.name ?? "?"} → ${target?.name ?? "?"}` }}
          explanation={explanation}
          reviewItem={ev.review_item}
          allowed={p.allowed}
        />
      )}
      <FlowExplain explanation={explanation} evaluatedAt={ev.evaluated_at} />
    </div>
  );
}
