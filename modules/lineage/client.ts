import { apiCall } from "@/platform/http/client-fetch";
import type { TenantLineage } from "@/modules/lineage/server/graph";
import type { ViolationView } from "@/modules/lineage/server/violations";
import type { EdgeOutcome } from "@/modules/lineage/domain/evaluation";
import type { LineageAction } from "@/modules/lineage/domain/actions";
import type { FlowEvaluationView, GraphEdge, GraphNode, ReviewItemRef } from "@/modules/lineage/domain/graph";
import type { CrossBorderPair, RegionGroup } from "@/modules/lineage/domain/graph-summary";

export type {
  CrossBorderPair,
  EdgeOutcome,
  FlowEvaluationView,
  GraphEdge,
  GraphNode,
  LineageAction,
  RegionGroup,
  ReviewItemRef,
  TenantLineage,
  ViolationView,
};

export interface LineageQuery {
  focus: string | null;
  depth: number | null;
  /** Without a focus: the whole graph (full) or only its regions, pairs and totals (summary). Default full. */
  view?: "full" | "summary";
}

const path = (tenant: string, q: LineageQuery) => {
  const params = new URLSearchParams();
  if (q.focus) params.set("focus", q.focus);
  if (q.focus && q.depth) params.set("depth", String(q.depth));
  if (!q.focus && q.view === "summary") params.set("view", "summary");
  const qs = params.toString();
  return `/api/v1/tenants/${encodeURIComponent(tenant)}/lineage${qs ? `?${qs}` : ""}`;
};

export const lineageApi = {
  graph: (tenant: string, q: LineageQuery) => apiCall<TenantLineage>(path(tenant, q)),
};

export const lineageQueryKeys = {
  all: (tenant: string) => ["tenants", tenant, "lineage"] as const,
  graph: (tenant: string, q: LineageQuery) =>
    [...lineageQueryKeys.all(tenant), q.focus, q.depth, q.focus ? "full" : (q.view ?? "full")] as const,
};

/** Whether an edge's evaluation is a flow's own (with reason and decisions) or a job edge's summary. */
export function isFlowEvaluation(e: GraphEdge["evaluation"]): e is FlowEvaluationView {
  return "crossing" in e;
}
