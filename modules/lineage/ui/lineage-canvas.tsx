"use client";

import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Edge,
  type Node,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { LoaderCircle } from "lucide-react";
import { useEffect, useMemo } from "react";
import { buildDrawn, layoutStructure, type DrawnEdge } from "@/modules/lineage/ui/build-flow";
import type { LayoutRequest } from "@/modules/lineage/ui/elk-protocol";
import { NODE_TYPES } from "@/modules/lineage/ui/flow-nodes";
import { OUTCOME_STYLE } from "@/modules/lineage/ui/outcome-style";
import { useElkLayout } from "@/modules/lineage/ui/use-elk-layout";
import type { TenantLineage } from "@/modules/lineage/client";

/** Fits the view once a new layout has been drawn (React Flow's own fitView runs only at start). */
function FitOnLayout({ layoutKey }: { layoutKey: unknown }) {
  const flow = useReactFlow();
  useEffect(() => {
    // Never so far out that the boxes cannot be read (pan, or use the minimap, for the rest),
    // never magnified past their size for a graph of three boxes.
    const t = requestAnimationFrame(
      () => void flow.fitView({ padding: 0.1, duration: 200, minZoom: 0.45, maxZoom: 1 }),
    );
    return () => cancelAnimationFrame(t);
  }, [layoutKey, flow]);
  return null;
}

const miniMapColor = (n: Node) =>
  n.type === "region" ? "#cbd5e1" : (n.data as { troubled?: boolean }).troubled ? "#dc2626" : "#64748b";

export type Selection = { kind: "node"; id: string } | { kind: "edge"; edge: DrawnEdge } | null;

interface Props {
  graph: TenantLineage;
  collapsed: ReadonlySet<string>;
  onToggle: (region: string) => void;
  search: string;
  onSelect: (s: Selection) => void;
  /** Set while the whole graph is being fetched (the summary is drawn meanwhile): what is being loaded, in words. */
  loading: string | null;
}

/** The graph itself: region groups and their nodes, placed by ELK in a worker, drawn by React Flow. */
export function LineageCanvas({ graph, collapsed, onToggle, search, onSelect, loading }: Props) {
  const drawn = useMemo(() => buildDrawn(graph, collapsed), [graph, collapsed]);
  // The layout depends only on which boxes and edges are drawn. The view refreshes every few
  // seconds with new counts and times; laying out (and refitting) again on each would move the
  // graph under the reader's zoom and pan.
  const structure = useMemo(() => layoutStructure(drawn), [drawn]);
  const request = useMemo(() => JSON.parse(structure) as Omit<LayoutRequest, "id">, [structure]);
  const layout = useElkLayout(request);
  const troubled = useMemo(() => {
    const ids = new Set<string>();
    for (const e of graph.edges) {
      if (e.evaluation.outcome !== "violation" && e.evaluation.outcome !== "unknown_region") continue;
      ids.add(e.source);
      ids.add(e.target);
    }
    return ids;
  }, [graph]);

  const nodes = useMemo<Node[]>(() => {
    const at = layout.positions;
    if (!at) return [];
    const term = search.trim().toLowerCase();
    return drawn.nodes.flatMap((n): Node[] => {
      const p = at[n.id];
      if (!p) return [];
      const base = {
        id: n.id,
        position: { x: p.x, y: p.y },
        ...(n.parent ? { parentId: n.parent, extent: "parent" as const } : {}),
      };
      if (n.type === "region") {
        return [
          {
            ...base,
            type: "region",
            width: p.width,
            height: p.height,
            style: { width: p.width, height: p.height },
            zIndex: -1,
            selectable: false,
            ariaLabel: `Region ${n.region}`,
            data: {
              region: n.region,
              collapsed: n.collapsed ?? false,
              tooLarge: n.tooLarge ?? false,
              datasets: n.counts?.datasets ?? 0,
              jobs: n.counts?.jobs ?? 0,
              onToggle,
            },
          },
        ];
      }
      const g = n.node!;
      const highlighted = term.length > 0 && `${g.namespace}/${g.name}`.toLowerCase().includes(term);
      return [
        {
          ...base,
          type: "lineage",
          width: n.width,
          height: n.height,
          style: { width: n.width, height: n.height },
          ariaLabel: `${g.kind} ${g.name} in ${n.region}`,
          data: { node: g, highlighted, troubled: troubled.has(g.id) },
        },
      ];
    });
  }, [layout.positions, drawn, search, onToggle, troubled]);

  const edges = useMemo<Edge[]>(
    () =>
      drawn.edges.map((e) => {
        const s = OUTCOME_STYLE[e.outcome];
        const aggregated = e.count > 1 || e.source.startsWith("region:") || e.target.startsWith("region:");
        const label = aggregated
          ? `${e.count} flow${e.count === 1 ? "" : "s"} · ${s.label.split(":")[0]}`
          : e.crossBorder
            ? s.label.split(":")[0]
            : undefined;
        return {
          id: e.id,
          source: e.source,
          target: e.target,
          data: { drawn: e },
          label,
          zIndex: 1,
          markerEnd: { type: MarkerType.ArrowClosed, color: s.stroke },
          style: { stroke: s.stroke, strokeWidth: s.width, ...(s.dash ? { strokeDasharray: s.dash } : {}) },
          labelStyle: { fontSize: 11, fill: s.stroke, fontWeight: 600 },
          ariaLabel: `${e.source} to ${e.target}: ${s.label}${aggregated ? `, ${e.count} flows` : ""}`,
        };
      }),
    [drawn],
  );

  const busy = loading !== null || layout.pending;
  const progress = loading ?? (layout.pending ? "Laying out the graph…" : "");
  return (
    <div className="relative">
      {/* Outside the busy canvas and always present, so screen readers announce each change (a live region inside aria-busy waits). */}
      <p
        role="status"
        aria-live="polite"
        className={
          progress
            ? "absolute left-3 top-3 z-10 inline-flex items-center gap-1.5 rounded bg-white/90 px-2 py-1 text-xs shadow-sm dark:bg-slate-900/90"
            : "sr-only"
        }
      >
        {loading !== null && <LoaderCircle aria-hidden className="size-3.5 animate-spin" />}
        {progress}
      </p>
      <div
        className="relative h-[36rem] rounded-lg border border-slate-200 dark:border-slate-800"
        data-testid="lineage-graph"
        aria-busy={busy}
      >
        {layout.error && (
          <p className="absolute left-3 top-3 z-10 text-sm text-red-700" role="alert">
            The layout failed: {layout.error}
          </p>
        )}
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          fitView
          minZoom={0.05}
          onlyRenderVisibleElements
          nodesDraggable={false}
          nodesConnectable={false}
          onNodeClick={(_, n) => {
            if (n.type === "lineage") onSelect({ kind: "node", id: n.id });
          }}
          onEdgeClick={(_, e) => onSelect({ kind: "edge", edge: (e.data as { drawn: DrawnEdge }).drawn })}
          proOptions={{ hideAttribution: true }}
        >
          <FitOnLayout layoutKey={layout.positions} />
          <Background />
          <Controls showInteractive={false} />
          <MiniMap
            pannable
            zoomable
            ariaLabel="Overview of the whole graph"
            nodeColor={miniMapColor}
            nodeStrokeWidth={2}
          />
        </ReactFlow>
      </div>
    </div>
  );
}
