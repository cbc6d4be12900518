"use client";

import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { ChevronDown, ChevronRight, Database, Workflow } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { GraphNode } from "@/modules/lineage/client";
import { formatCount } from "@/platform/format";

export type RegionNodeData = {
  region: string;
  collapsed: boolean;
  tooLarge: boolean;
  datasets: number;
  jobs: number;
  onToggle: (region: string) => void;
};
export type LineageNodeData = {
  node: GraphNode;
  highlighted: boolean;
  troubled: boolean;
  /** The data classes by their names (the tenant's register), in words. */
  classes: string;
};
export type RegionFlowNode = Node<RegionNodeData, "region">;
export type LineageFlowNode = Node<LineageNodeData, "lineage">;

const regionName = (region: string) => (region === "unknown" ? "Region unknown" : region);

/** A region: collapsed, a box with its counts; expanded, the frame around its datasets and jobs. */
export function RegionNode({ data }: NodeProps<RegionFlowNode>) {
  const Icon = data.collapsed ? ChevronRight : ChevronDown;
  return (
    <div
      data-collapsed={data.collapsed}
      className={`h-full w-full rounded-lg border-2 ${data.region === "unknown" ? "border-violet-400 bg-violet-50/60 dark:bg-violet-950/40" : "border-slate-300 bg-slate-50/70 dark:border-slate-700 dark:bg-slate-900/60"}`}
    >
      <Handle type="target" position={Position.Left} className="!opacity-0" />
      <div className="flex items-center justify-between gap-2 px-3 py-2">
        <span className="text-base font-semibold">{regionName(data.region)}</span>
        {data.tooLarge ? (
          <span className="text-sm text-slate-600 dark:text-slate-400">Too many to draw</span>
        ) : (
          <Button
            size="sm"
            // nodrag: a click on the button must not start dragging the node. Its 14 px text reads at the default zoom.
            className="nodrag bg-white py-1 dark:bg-slate-800"
            onClick={(e) => {
              e.stopPropagation();
              data.onToggle(data.region);
            }}
            aria-expanded={!data.collapsed}
            aria-label={`${data.collapsed ? "Expand" : "Collapse"} ${regionName(data.region)}`}
          >
            <Icon aria-hidden className="size-3.5" /> {data.collapsed ? "Expand" : "Collapse"}
          </Button>
        )}
      </div>
      {data.collapsed && (
        <p className="px-3 text-sm text-slate-600 dark:text-slate-400">
          {formatCount(data.datasets)} datasets · {formatCount(data.jobs)} jobs
        </p>
      )}
      {data.tooLarge && <p className="px-3 text-sm text-slate-600 dark:text-slate-400">Search to focus on one.</p>}
      <Handle type="source" position={Position.Right} className="!opacity-0" />
    </div>
  );
}

/**
 * A dataset or a job: its name, its kind (and subprocessor) in words with an icon, and the data
 * classes it holds by name. 14 px text, so it reads at the default zoom (lineage-canvas.tsx).
 */
export function LineageNode({ data }: NodeProps<LineageFlowNode>) {
  const n = data.node;
  const Icon = n.kind === "dataset" ? Database : Workflow;
  return (
    <div
      className={`h-full w-full overflow-hidden rounded-md border bg-white px-2 py-1.5 text-sm leading-5 shadow-sm dark:bg-slate-950 ${data.troubled ? "border-red-500 border-2" : "border-slate-300 dark:border-slate-700"} ${data.highlighted ? "ring-2 ring-blue-500" : ""}`}
      title={`${n.namespace}/${n.name}${data.classes ? `\n${data.classes}` : ""}`}
    >
      {/* ELK routes the edges (routed-edge.tsx); React Flow still needs a handle at each end. */}
      <Handle type="target" position={Position.Left} className="!opacity-0" />
      <div className="flex items-center gap-1 font-semibold">
        <Icon aria-hidden className="size-4 shrink-0" />
        <span className="truncate">{n.name}</span>
      </div>
      <div className="truncate text-slate-600 dark:text-slate-400">
        {n.kind}
        {n.subprocessor ? ` · ${n.subprocessor}` : ""}
      </div>
      {n.kind === "dataset" && (
        <div className="truncate text-slate-600 dark:text-slate-400">{data.classes || "no data class declared"}</div>
      )}
      <Handle type="source" position={Position.Right} className="!opacity-0" />
    </div>
  );
}

export const NODE_TYPES = { region: RegionNode, lineage: LineageNode };
