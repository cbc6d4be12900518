import { OUTCOME_RANK, worst, type EdgeOutcome } from "@/modules/lineage/domain/evaluation";
import { summarise, type CrossBorderPair, type RegionGroup } from "@/modules/lineage/domain/graph-summary";

/**
 * The lineage graph the API answers with, built in memory from the registers' nodes (datasets
 * and jobs) and edges. Pure, so it is tested and benchmarked without a database. Rows carry
 * times as epoch milliseconds (cheap to read and compare); the answer has ISO 8601 strings.
 */

export const MAX_NODES = 5_000;
export const MAX_DEPTH = 10;
export const DEFAULT_FOCUS_DEPTH = 3;

export interface NodeRow {
  id: string;
  kind: "dataset" | "job";
  namespace: string;
  name: string;
  region: string | null;
  region_source: string | null;
  subprocessor: string | null;
  form: string | null;
  data_classes: string[] | null;
  first_seen_at: number;
  last_seen_at: number;
  events: number;
  runs: number | null;
  facets?: Record<string, unknown> | null;
}

export interface EdgeRow {
  id: string;
  kind: "input" | "output" | "flow";
  source_id: string;
  target_id: string;
  count: number;
  first_seen_at: number;
  last_seen_at: number;
  crossing: string | null;
  outcome: string;
  data_classes: string[];
  form: string | null;
  decisions: unknown;
  reason: string | null;
  evaluated_at: number | null;
}

export interface GraphNode {
  id: string;
  kind: "dataset" | "job";
  namespace: string;
  name: string;
  region: string | null;
  /** facet | rule | unknown for datasets; derived (from the datasets a job writes, else reads) for jobs. */
  region_source: string;
  subprocessor: string | null;
  form: string | null;
  data_classes: string[];
  first_seen: string;
  last_seen: string;
  events: number;
  runs: number | null;
  facets?: Record<string, unknown>;
}

export interface GraphEdge {
  id: string;
  kind: "input" | "output" | "flow";
  source: string;
  target: string;
  count: number;
  first_seen: string;
  last_seen: string;
  /** Flows: their own evaluation, in full. Job edges: the outcome of the worst flow through them, alone. */
  evaluation: FlowEvaluationView | { outcome: EdgeOutcome };
}

export interface FlowEvaluationView {
  outcome: EdgeOutcome;
  crossing: string | null;
  data_classes: string[];
  form: string | null;
  reason: string | null;
  /** The decisions applied, as the sharing evaluation names them. */
  decisions: unknown;
  evaluated_at: string | null;
  /** A violation: the review item its latest border alert opened (the server fills it in); null otherwise, or when none was opened. */
  review_item: ReviewItemRef | null;
}

/** A review item of the region's queue (modules/reviews), as a lineage answer links it. */
export interface ReviewItemRef {
  id: string;
  state: "open" | "in_review" | "resolved" | "dismissed";
}

export interface LineageGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  regions: RegionGroup[];
  cross_border: CrossBorderPair[];
  truncated: boolean;
  /** In scope before truncation; `in_region_flows` are left out of `edges` without a focus (job edges show them). */
  totals: { nodes: number; edges: number; in_region_flows: number };
  focus: string | null;
  depth: number | null;
}

const DAY_MS = 86_400_000;
const days = new Map<number, string>();
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * Epoch milliseconds as ISO 8601 (UTC), as Date#toISOString writes them: the date part is
 * formatted once per day and the time by arithmetic, because a whole graph has tens of
 * thousands of times and toISOString costs microseconds each.
 */
export function iso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let date = days.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 11);
    if (days.size > 10_000) days.clear();
    days.set(day, date);
  }
  const r = ms - day * DAY_MS;
  return `${date}${pad(Math.floor(r / 3_600_000))}:${pad(Math.floor(r / 60_000) % 60)}:${pad(Math.floor(r / 1000) % 60)}.${pad(r % 1000, 3)}Z`;
}

function mode(values: (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

/** The nodes within `depth` hops of `focus` over input and output edges, in either direction. */
function neighbourhood(focus: string, depth: number, edges: readonly EdgeRow[]): Set<string> {
  const adjacent = new Map<string, string[]>();
  for (const e of edges) {
    if (e.kind === "flow") continue;
    (adjacent.get(e.source_id) ?? adjacent.set(e.source_id, []).get(e.source_id)!).push(e.target_id);
    (adjacent.get(e.target_id) ?? adjacent.set(e.target_id, []).get(e.target_id)!).push(e.source_id);
  }
  const seen = new Set([focus]);
  let frontier = [focus];
  for (let hop = 0; hop < depth && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const n of adjacent.get(id) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        next.push(n);
      }
    }
    frontier = next;
  }
  return seen;
}

export interface BuildOptions {
  focus?: string | null;
  depth?: number | null;
  maxNodes?: number;
}

export function buildGraph(
  nodeRows: readonly NodeRow[],
  edgeRows: readonly EdgeRow[],
  options: BuildOptions = {},
): LineageGraph {
  const maxNodes = options.maxNodes ?? MAX_NODES;
  const focus = options.focus ?? null;
  const depth = focus ? (options.depth ?? DEFAULT_FOCUS_DEPTH) : null;
  const inScope = focus ? neighbourhood(focus, depth!, edgeRows) : null;
  let nodes = inScope ? nodeRows.filter((n) => inScope.has(n.id)) : [...nodeRows];
  const scopedIds = new Set(nodes.map((n) => n.id));
  let edges = edgeRows.filter((e) => scopedIds.has(e.source_id) && scopedIds.has(e.target_id));
  const totals = {
    nodes: nodes.length,
    edges: edges.length,
    in_region_flows: edges.filter((e) => e.kind === "flow" && e.outcome === "in_region").length,
  };

  // Jobs live where they write (else where they read): the region most of those datasets share.
  const region = new Map(nodes.map((n) => [n.id, n.region]));
  const inputsOf = new Map<string, string[]>();
  const outputsOf = new Map<string, string[]>();
  for (const e of edges) {
    if (e.kind === "input")
      (inputsOf.get(e.target_id) ?? inputsOf.set(e.target_id, []).get(e.target_id)!).push(e.source_id);
    if (e.kind === "output")
      (outputsOf.get(e.source_id) ?? outputsOf.set(e.source_id, []).get(e.source_id)!).push(e.target_id);
  }
  for (const n of nodes) {
    if (n.kind === "job")
      region.set(
        n.id,
        mode((outputsOf.get(n.id) ?? []).map((d) => region.get(d) ?? null)) ??
          mode((inputsOf.get(n.id) ?? []).map((d) => region.get(d) ?? null)),
      );
  }

  // Flows by source, then target: what passes through a job is a lookup, not a string built per pair.
  const flows = new Map<string, Map<string, EdgeRow>>();
  for (const e of edges) {
    if (e.kind !== "flow") continue;
    let bySource = flows.get(e.source_id);
    if (!bySource) flows.set(e.source_id, (bySource = new Map()));
    bySource.set(e.target_id, e);
  }
  const flowOutcome = (e: EdgeRow): EdgeOutcome => {
    if (e.kind === "flow") return e.outcome as EdgeOutcome;
    // A job edge carries what flows through the job: input edges to its outputs, output edges from its inputs.
    let acc: EdgeOutcome = "in_region";
    if (e.kind === "input") {
      const bySource = flows.get(e.source_id);
      for (const o of outputsOf.get(e.target_id) ?? []) {
        const f = bySource?.get(o);
        if (f) acc = worst(acc, f.outcome as EdgeOutcome);
      }
    } else {
      for (const i of inputsOf.get(e.source_id) ?? []) {
        const f = flows.get(i)?.get(e.target_id);
        if (f) acc = worst(acc, f.outcome as EdgeOutcome);
      }
    }
    return acc;
  };
  const outcome = new Map<string, EdgeOutcome>();
  for (const e of edges) outcome.set(e.id, flowOutcome(e));

  // Groups and region pairs describe the whole graph in scope, not only the part that fits.
  const { regions, cross_border } = summarise(nodes, region, edges, outcome);

  let truncated = false;
  if (nodes.length > maxNodes) {
    truncated = true;
    // Keep what matters first: nodes on troubled edges (violations, unknown regions), then the most recent.
    const concern = new Map<string, number>();
    for (const e of edges) {
      const rank = OUTCOME_RANK[outcome.get(e.id)!];
      for (const id of [e.source_id, e.target_id]) concern.set(id, Math.max(concern.get(id) ?? 0, rank));
    }
    nodes = [...nodes]
      .sort(
        (a, b) =>
          (concern.get(b.id) ?? 0) - (concern.get(a.id) ?? 0) ||
          b.last_seen_at - a.last_seen_at ||
          (a.id < b.id ? -1 : 1),
      )
      .slice(0, maxNodes);
    const kept = new Set(nodes.map((n) => n.id));
    edges = edges.filter((e) => kept.has(e.source_id) && kept.has(e.target_id));
  }

  const graphNodes: GraphNode[] = nodes.map((n) => ({
    id: n.id,
    kind: n.kind,
    namespace: n.namespace,
    name: n.name,
    region: region.get(n.id) ?? null,
    region_source: n.kind === "job" ? "derived" : (n.region_source ?? "unknown"),
    subprocessor: n.subprocessor,
    form: n.form,
    data_classes: n.data_classes ?? [],
    first_seen: iso(n.first_seen_at),
    last_seen: iso(n.last_seen_at),
    events: n.events,
    runs: n.runs,
    ...(n.facets ? { facets: n.facets } : {}),
  }));
  // Without a focus, flows that stay in their region add nothing the job edges do not show.
  const shown = focus ? edges : edges.filter((e) => e.kind !== "flow" || e.outcome !== "in_region");
  const graphEdges: GraphEdge[] = shown.map((e) => ({
    id: e.id,
    kind: e.kind,
    source: e.source_id,
    target: e.target_id,
    count: e.count,
    first_seen: iso(e.first_seen_at),
    last_seen: iso(e.last_seen_at),
    evaluation:
      e.kind === "flow"
        ? {
            outcome: e.outcome as EdgeOutcome,
            crossing: e.crossing,
            data_classes: e.data_classes,
            form: e.form,
            reason: e.reason,
            decisions: e.decisions,
            evaluated_at: e.evaluated_at === null ? null : iso(e.evaluated_at),
            review_item: null,
          }
        : { outcome: outcome.get(e.id)! },
  }));
  return { nodes: graphNodes, edges: graphEdges, regions, cross_border, truncated, totals, focus, depth };
}
