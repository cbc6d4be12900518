import { worst } from "@/modules/lineage/domain/evaluation";
import type { EdgeOutcome, GraphEdge, GraphNode, RegionGroup, TenantLineage } from "@/modules/lineage/client";

/**
 * From the API's graph to what is drawn: collapsed regions become one node each, and every
 * edge whose end sits in a collapsed region is redirected to it and aggregated (count and worst
 * outcome), so a region pair shows as one edge however many flows it carries. Pure.
 *
 * A summary (the API's `view=summary`: no nodes, no edges) draws every region collapsed, with
 * the aggregated edges taken from its cross-border pairs: the same count and worst outcome the
 * full graph's flows would give (tests/lineage/summary.test.ts compares the two).
 */

/** Above this many nodes every region starts collapsed, and the page starts from the summary: thousands of boxes help nobody, and drawing them costs. */
export const COLLAPSE_ABOVE = 300;
export const isLarge = (graph: Pick<TenantLineage, "totals">) => graph.totals.nodes > COLLAPSE_ABOVE;

/**
 * A region holding more datasets and jobs than this is never drawn node by node: laying out and
 * drawing ~4,000 boxes took Chromium's tab down (bench/lineage-render.ts), and nobody reads them.
 * Its box stays collapsed and points to search and focus, which show a neighbourhood instead.
 */
export const DRAW_REGION_LIMIT = 500;
export const drawable = (g: Pick<RegionGroup, "datasets" | "jobs">) => g.datasets + g.jobs <= DRAW_REGION_LIMIT;

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
  /** A region too large to draw node by node (DRAW_REGION_LIMIT): it cannot be expanded. */
  tooLarge?: boolean;
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

/**
 * Box sizes, for text of 14 px (three lines in a dataset or job; a region's name and counts):
 * large enough that the graph is read at its default zoom, which never goes below
 * READABLE_ZOOM (lineage-canvas.tsx), rather than fitted until it cannot be.
 */
export const NODE_SIZE = { width: 248, height: 80 };
export const GROUP_SIZE = { width: 260, height: 96 };

export function buildDrawn(
  graph: TenantLineage,
  collapsed: ReadonlySet<string>,
): { nodes: DrawnNode[]; edges: DrawnEdge[] } {
  if (graph.view === "summary") return buildDrawnSummary(graph);
  const regionOf = new Map(graph.nodes.map((n) => [n.id, regionKey(n.region)]));
  const nodes: DrawnNode[] = graph.regions.map((g) => {
    const region = regionKey(g.region);
    const isCollapsed = collapsed.has(region);
    return {
      id: groupId(region),
      type: "region",
      parent: null,
      region,
      collapsed: isCollapsed,
      tooLarge: !drawable(g),
      counts: { datasets: g.datasets, jobs: g.jobs },
      ...GROUP_SIZE,
    };
  });
  for (const n of graph.nodes) {
    const region = regionOf.get(n.id)!;
    if (!collapsed.has(region))
      nodes.push({ id: n.id, type: "lineage", parent: groupId(region), region, node: n, ...NODE_SIZE });
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

function buildDrawnSummary(graph: TenantLineage): { nodes: DrawnNode[]; edges: DrawnEdge[] } {
  const nodes: DrawnNode[] = graph.regions.map((g) => {
    const region = regionKey(g.region);
    return {
      id: groupId(region),
      type: "region",
      parent: null,
      region,
      collapsed: true,
      tooLarge: !drawable(g),
      counts: { datasets: g.datasets, jobs: g.jobs },
      ...GROUP_SIZE,
    };
  });
  const edges: DrawnEdge[] = [];
  for (const p of graph.cross_border) {
    const from = regionKey(p.from);
    const to = regionKey(p.to);
    // Within one region (into a subprocessor there, or between two unknowns) a collapsed box draws no edge to itself.
    if (from === to) continue;
    const [source, target] = [groupId(from), groupId(to)];
    edges.push({
      id: `${source}>${target}`,
      source,
      target,
      count: p.flows,
      outcome: p.worst,
      edge: null,
      crossBorder: true,
    });
  }
  return { nodes, edges };
}

/**
 * Which regions are collapsed: all but `except` (byDefault true) or only `except` (false).
 * Kept this way rather than as a set of names so a region that first appears in a refresh
 * takes the default: a new region in a large, collapsed graph stays collapsed and costs no
 * download of the whole graph.
 */
export interface CollapseState {
  byDefault: boolean;
  except: ReadonlySet<string>;
}

export const collapseAll = (all: boolean): CollapseState => ({ byDefault: all, except: new Set() });

export function toggleRegion(state: CollapseState, region: string): CollapseState {
  const except = new Set(state.except);
  if (except.has(region)) except.delete(region);
  else except.add(region);
  return { byDefault: state.byDefault, except };
}

export function collapsedRegions(state: CollapseState, graph: Pick<TenantLineage, "regions">): Set<string> {
  return new Set(
    graph.regions
      .filter((g) => !drawable(g) || state.byDefault !== state.except.has(regionKey(g.region)))
      .map((g) => regionKey(g.region)),
  );
}

/** Whether anything must be drawn node by node: then the whole graph is needed, not the summary. */
export const anyExpanded = (state: CollapseState, graph: Pick<TenantLineage, "regions">) =>
  collapsedRegions(state, graph).size < graph.regions.length;

/** Whether a drawn edge stands for several flows (between collapsed regions, or merged). */
export const isAggregated = (e: DrawnEdge) =>
  e.count > 1 || e.source.startsWith("region:") || e.target.startsWith("region:");

/**
 * The words on an edge: an aggregated edge says how many flows it carries and the worst outcome;
 * a flow that was judged (it crosses a border, or its region is unknown) says its outcome; job
 * edges carry none (their colour and dashes say it, and the flow beside them is labelled).
 */
export function edgeLabel(e: DrawnEdge, outcomeWord: (o: EdgeOutcome) => string): string | null {
  if (isAggregated(e)) return `${e.count} flow${e.count === 1 ? "" : "s"} · ${outcomeWord(e.outcome)}`;
  if (e.edge?.kind === "flow" && e.outcome !== "in_region") return outcomeWord(e.outcome);
  return null;
}

/**
 * What ELK lays out, as a string: equal for two refreshes that draw the same boxes and edges.
 * `labelSize` measures a label's text (in the page), so ELK keeps room for it clear of every box.
 */
export function layoutStructure(
  drawn: { nodes: DrawnNode[]; edges: DrawnEdge[] },
  label: (e: DrawnEdge) => string | null = () => null,
  labelSize: (text: string) => { width: number; height: number } = (t) => ({ width: t.length * 8, height: 20 }),
): string {
  return JSON.stringify({
    nodes: drawn.nodes.map((n) => ({ id: n.id, parent: n.parent, width: n.width, height: n.height })),
    edges: drawn.edges.map((e) => {
      const text = label(e);
      return { id: e.id, source: e.source, target: e.target, ...(text ? { label: labelSize(text) } : {}) };
    }),
  });
}
