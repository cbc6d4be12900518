import { worst } from "@/lib/lineage/evaluation";
import type { EdgeOutcome, GraphEdge, GraphNode, TenantLineage } from "@/lib/client/lineage-api";

/**
 * From the API's graph to what is drawn: collapsed regions become one node each, and every
 * edge whose end sits in a collapsed region is redirected to it and aggregated (count and worst
 * outcome), so a region pair shows as one edge however many flows it carries. Pure.
 */

export const UNKNOWN_REGION = "unknown";
export const regionKey = (region: string | null) => region ?? UNKNOWN_REGION;
export const groupId = (region: string) => `region:${region}`;

export interface DrawnNode {
  id: string;
  /** Region group (collapsed or expanded) or a dataset/job inside an expanded group. */
  type: "region" | "lineage";
  parent: string | null;
  width: number;
  height: number;
  node?: GraphNode;
  region: string;
  collapsed?: boolean;
  counts?: { datasets: number; jobs: number };
}

export interface DrawnEdge {
  id: string;
  source: string;
  target: string;
  count: number;
  outcome: EdgeOutcome;
  /** The underlying edge when the drawn edge is exactly one. */
  edge: GraphEdge | null;
  crossBorder: boolean;
}

export const NODE_SIZE = { width: 200, height: 56 };
export const GROUP_SIZE = { width: 240, height: 84 };

export function buildDrawn(graph: TenantLineage, collapsed: ReadonlySet<string>): { nodes: DrawnNode[]; edges: DrawnEdge[] } {
  const regionOf = new Map(graph.nodes.map((n) => [n.id, regionKey(n.region)]));
  const nodes: DrawnNode[] = graph.regions.map((g) => {
    const region = regionKey(g.region);
    const isCollapsed = collapsed.has(region);
    return { id: groupId(region), type: "region", parent: null, region, collapsed: isCollapsed, counts: { datasets: g.datasets, jobs: g.jobs }, ...GROUP_SIZE };
  });
  for (const n of graph.nodes) {
    const region = regionOf.get(n.id)!;
    if (!collapsed.has(region)) nodes.push({ id: n.id, type: "lineage", parent: groupId(region), region, node: n, ...NODE_SIZE });
  }
  const visible = (id: string) => {
    const region = regionOf.get(id);
    if (region === undefined) return null;
    return collapsed.has(region) ? groupId(region) : id;
  };
  const merged = new Map<string, DrawnEdge>();
  for (const e of graph.edges) {
    const s = visible(e.source);
    const t = visible(e.target);
    if (!s || !t || s === t) continue;
    const grouped = s.startsWith("region:") || t.startsWith("region:");
    // Between regions, flows carry the evaluation; job edges would only repeat them.
    if (grouped && e.kind !== "flow") continue;
    const key = `${s}>${t}`;
    const crossBorder = regionOf.get(e.source) !== regionOf.get(e.target);
    const prior = merged.get(key);
    if (prior) {
      prior.count += 1;
      prior.outcome = worst(prior.outcome, e.evaluation.outcome);
      prior.edge = null;
      prior.crossBorder ||= crossBorder;
    } else {
      merged.set(key, { id: key, source: s, target: t, count: 1, outcome: e.evaluation.outcome, edge: e, crossBorder });
    }
  }
  return { nodes, edges: [...merged.values()] };
}
