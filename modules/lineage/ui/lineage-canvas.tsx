"use client";

import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStoreApi,
  type Node,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { LoaderCircle } from "lucide-react";
import { useEffect, useMemo, useRef } from "react";
import { edgeLabel, layoutStructure, type DrawnEdge, type DrawnNode } from "@/modules/lineage/ui/build-flow";
import { routeMiddle } from "@/modules/lineage/ui/edge-path";
import type { EdgeRoute, LayoutRequest } from "@/modules/lineage/ui/elk-protocol";
import { NODE_TYPES } from "@/modules/lineage/ui/flow-nodes";
import { OUTCOME_STYLE, outcomeWord } from "@/modules/lineage/ui/outcome-style";
import { EDGE_TYPES, type RoutedFlowEdge } from "@/modules/lineage/ui/routed-edge";
import { useElkLayout } from "@/modules/lineage/ui/use-elk-layout";
import type { TenantLineage } from "@/modules/lineage/client";

/**
 * The zoom below which the default view never goes: the smallest text in the graph is 14 px, so
 * at this zoom or above every label is at least 12 CSS pixels on screen (e2e/lineage-readability.spec.ts
 * measures it). A graph larger than the view at this zoom is panned (or zoomed out by hand), not
 * fitted until nobody can read it.
 */
export const SMALLEST_TEXT_PX = 14;
export const READABLE_ZOOM = 12 / SMALLEST_TEXT_PX;

const LABEL_FONT = `600 ${SMALLEST_TEXT_PX}px ui-sans-serif, system-ui, sans-serif`;
let measurer: CanvasRenderingContext2D | null | undefined;
/** A label's box: its text measured in the page's font, with room for the padding and border. */
function labelSize(text: string): { width: number; height: number } {
  if (measurer === undefined && typeof document !== "undefined")
    measurer = document.createElement("canvas").getContext("2d");
  let width = text.length * 8.5;
  if (measurer) {
    measurer.font = `600 ${SMALLEST_TEXT_PX}px ${getComputedStyle(document.body).fontFamily || LABEL_FONT}`;
    width = measurer.measureText(text).width;
  }
  return { width: Math.ceil(width) + 18, height: 26 };
}

/**
 * The default view, once a new layout is drawn: the whole graph when it fits at a readable zoom
 * (never magnified past 1); otherwise, at the readable zoom, the most recently seen violation in
 * the middle (what a reader has to act on), or without one the start of the flow (the left,
 * where data enters). Everything else is a pan away, the minimap shows the whole, and each
 * violation in the list below opens its flow in view.
 */
function DefaultView({
  layoutKey,
  routes,
  violation,
}: {
  layoutKey: unknown;
  routes: Record<string, EdgeRoute> | null;
  /** The drawn edge of the violation to show first, if any. */
  violation: string | null;
}) {
  const flow = useReactFlow();
  const store = useStoreApi();
  // Read when a layout arrives, not followed: a refresh must not move the reader's view.
  const latest = useRef({ routes, violation });
  latest.current = { routes, violation };
  useEffect(() => {
    if (!layoutKey) return;
    const t = requestAnimationFrame(() => {
      const nodes = flow.getNodes();
      if (nodes.length === 0) return;
      const { width, height } = store.getState();
      const bounds = flow.getNodesBounds(nodes);
      const pad = 16;
      const fit = Math.min((width - 2 * pad) / bounds.width, (height - 2 * pad) / bounds.height);
      if (fit >= READABLE_ZOOM) {
        void flow.fitView({ padding: 0.04, minZoom: READABLE_ZOOM, maxZoom: 1, duration: 0 });
        return;
      }
      const zoom = READABLE_ZOOM;
      const { routes: r, violation: v } = latest.current;
      const middle = v && r?.[v] ? routeMiddle(r[v].points) : null;
      if (middle) {
        void flow.setCenter(middle.x, middle.y, { zoom, duration: 0 });
        return;
      }
      const y =
        bounds.height * zoom <= height - 2 * pad
          ? (height - bounds.height * zoom) / 2 - bounds.y * zoom
          : pad - bounds.y * zoom;
      void flow.setViewport({ x: pad - bounds.x * zoom, y, zoom }, { duration: 0 });
    });
    return () => cancelAnimationFrame(t);
  }, [layoutKey, flow, store]);
  return null;
}

/** Centres the view on an edge when asked ("Open the flow"), at a zoom where it reads. */
function CentreOnEdge({
  request,
  routes,
}: {
  request: { edge: string; at: number } | null;
  routes: Record<string, EdgeRoute> | null;
}) {
  const flow = useReactFlow();
  const done = useRef(0);
  useEffect(() => {
    // Asked before the edge is laid out (a focus that loads its neighbourhood): done when its route arrives.
    if (!request || done.current === request.at) return;
    const route = routes?.[request.edge];
    const middle = route ? routeMiddle(route.points) : null;
    if (!middle) return;
    done.current = request.at;
    // After the default view of a new layout (its frame was asked first).
    const t = requestAnimationFrame(
      () => void flow.setCenter(middle.x, middle.y, { zoom: Math.max(flow.getZoom(), READABLE_ZOOM), duration: 0 }),
    );
    return () => cancelAnimationFrame(t);
  }, [request, routes, flow]);
  return null;
}

const miniMapColor = (n: Node) =>
  n.type === "region" ? "#cbd5e1" : (n.data as { troubled?: boolean }).troubled ? "#dc2626" : "#64748b";

export type Selection = { kind: "node"; id: string } | { kind: "edge"; edge: DrawnEdge } | null;

interface Props {
  graph: TenantLineage;
  /** What is drawn (build-flow.ts): the regions as they are collapsed or expanded, and the edges between what shows. */
  drawn: { nodes: DrawnNode[]; edges: DrawnEdge[] };
  onToggle: (region: string) => void;
  search: string;
  onSelect: (s: Selection) => void;
  /** Set while the whole graph is being fetched (the summary is drawn meanwhile): what is being loaded, in words. */
  loading: string | null;
  /** A data class's name by its key. */
  nameOf: (key: string) => string;
  /** The drawn edge shown as selected (the one in the details panel). */
  selectedEdge: string | null;
  /** "Open the flow": centre the view on this drawn edge (a new object each time it is asked). */
  centreOn: { edge: string; at: number } | null;
}

/** The graph itself: region groups and their nodes, placed by ELK in a worker, drawn by React Flow along ELK's routes. */
export function LineageCanvas(props: Props) {
  const { graph, drawn, onToggle, search, onSelect, loading, nameOf, selectedEdge, centreOn } = props;
  // The layout depends only on which boxes and edges are drawn (and their labels). The view
  // refreshes every few seconds with new counts and times; laying out (and refitting) again on
  // each would move the graph under the reader's zoom and pan.
  const structure = useMemo(() => layoutStructure(drawn, (e) => edgeLabel(e, outcomeWord), labelSize), [drawn]);
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

  // The violation the default view shows first: the most recently seen, as drawn (or any drawn one).
  const firstViolation = useMemo(() => {
    const newest = graph.findings.violations[0]?.edge;
    return (
      (
        drawn.edges.find((e) => newest !== undefined && e.edge?.id === newest) ??
        drawn.edges.find((e) => e.outcome === "violation")
      )?.id ?? null
    );
  }, [graph, drawn]);

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
          data: { node: g, highlighted, troubled: troubled.has(g.id), classes: g.data_classes.map(nameOf).join(", ") },
        },
      ];
    });
  }, [layout.positions, drawn, search, onToggle, troubled, nameOf]);

  const edges = useMemo<RoutedFlowEdge[]>(
    () =>
      drawn.edges.map((e) => {
        const s = OUTCOME_STYLE[e.outcome];
        const label = edgeLabel(e, outcomeWord);
        return {
          id: e.id,
          type: "routed",
          source: e.source,
          target: e.target,
          selected: e.id === selectedEdge,
          data: {
            drawn: e,
            route: layout.edges?.[e.id] ?? null,
            label,
            labelClass: s.text,
            onSelect: (d: DrawnEdge) => onSelect({ kind: "edge", edge: d }),
          },
          zIndex: 1,
          markerEnd: { type: MarkerType.ArrowClosed, color: s.stroke },
          style: { stroke: s.stroke, strokeWidth: s.width, ...(s.dash ? { strokeDasharray: s.dash } : {}) },
          ariaLabel: `${e.source} to ${e.target}: ${s.label}${e.count > 1 ? `, ${e.count} flows` : ""}`,
        };
      }),
    [drawn, layout.edges, selectedEdge, onSelect],
  );

  const busy = loading !== null || layout.pending;
  const progress = loading ?? (layout.pending ? "Laying out the graph…" : "");
  return (
    <div className="relative min-w-0">
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
          edgeTypes={EDGE_TYPES}
          minZoom={0.05}
          maxZoom={2}
          onlyRenderVisibleElements
          nodesDraggable={false}
          nodesConnectable={false}
          onNodeClick={(_, n) => {
            if (n.type === "lineage") onSelect({ kind: "node", id: n.id });
          }}
          onEdgeClick={(_, e) => onSelect({ kind: "edge", edge: (e.data as { drawn: DrawnEdge }).drawn })}
          proOptions={{ hideAttribution: true }}
        >
          <DefaultView layoutKey={layout.positions} routes={layout.edges} violation={firstViolation} />
          <CentreOnEdge request={centreOn} routes={layout.edges} />
          <Background />
          <Controls showInteractive={false} />
          <MiniMap
            // On a phone the overview would cover most of the graph.
            className="max-sm:!hidden"
            pannable
            zoomable
            ariaLabel="Overview of the whole graph"
            nodeColor={miniMapColor}
            nodeStrokeWidth={2}
          />
        </ReactFlow>
      </div>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        The graph opens at a size you can read, on the most recent violation when it does not fit: drag to see the rest,
        use the overview in the corner or the fit button, or open a violation from the list below.
      </p>
    </div>
  );
}
