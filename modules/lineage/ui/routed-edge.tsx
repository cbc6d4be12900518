"use client";

import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type Edge, type EdgeProps } from "@xyflow/react";
import type { DrawnEdge } from "@/modules/lineage/ui/build-flow";
import type { EdgeRoute } from "@/modules/lineage/ui/elk-protocol";
import { routePath } from "@/modules/lineage/ui/edge-path";

export type RoutedEdgeData = {
  drawn: DrawnEdge;
  /** ELK's route; absent only while a new layout is on its way (then a step path stands in). */
  route: EdgeRoute | null;
  label: string | null;
  /** The label's colour classes (words and colour together, as the legend). */
  labelClass: string;
  onSelect: (e: DrawnEdge) => void;
};
export type RoutedFlowEdge = Edge<RoutedEdgeData, "routed">;

/**
 * An edge drawn along ELK's orthogonal route (around every box), with its label where ELK made
 * room for it (clear of every box). The label is HTML inside the zoomed pane, so it scales with
 * the graph and is read at the size the page sets (14 px at zoom 1).
 */
export function RoutedEdge(props: EdgeProps<RoutedFlowEdge>) {
  const { id, data, markerEnd, style, selected, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } =
    props;
  const route = data?.route ?? null;
  const path =
    route && route.points.length >= 2
      ? routePath(route.points)
      : getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })[0];
  const box = route?.label;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={selected ? { ...style, strokeWidth: Number(style?.strokeWidth ?? 2) + 2 } : style}
        interactionWidth={16}
      />
      {data?.label && box && (
        <EdgeLabelRenderer>
          <div
            // Words for the eye (the edge's own aria-label says them to assistive technology). nodrag nopan:
            // a click on the label selects the edge; it does not pan the graph.
            className={`nodrag nopan absolute flex items-center justify-center whitespace-nowrap rounded border bg-white text-sm font-semibold leading-none shadow-sm dark:bg-slate-900 ${data.labelClass} ${selected ? "ring-2 ring-blue-500" : "border-slate-200 dark:border-slate-700"}`}
            style={{
              left: 0,
              top: 0,
              width: box.width,
              height: box.height,
              transform: `translate(${box.x}px, ${box.y}px)`,
              pointerEvents: "all",
            }}
            data-edge-label={id}
            aria-hidden
            onClick={() => data.onSelect(data.drawn)}
          >
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const EDGE_TYPES = { routed: RoutedEdge };
