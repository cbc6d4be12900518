import { worst, type EdgeOutcome } from "@/lib/lineage/evaluation";

/**
 * The grouped views of a lineage graph: nodes per region (the groups a graph collapses into)
 * and border-crossing flows aggregated per region pair (the arcs of the map). Pure.
 */

export interface RegionGroup {
  /** null: datasets nobody placed (region unknown) and jobs that only touch them. */
  region: string | null;
  datasets: number;
  jobs: number;
  data_classes: string[];
  subprocessors: string[];
}

export interface CrossBorderPair {
  from: string | null;
  to: string | null;
  flows: number;
  /** Runs (and job declarations) summed over the flows. */
  observations: number;
  outcomes: Record<"allowed" | "allowed_with_condition" | "violation" | "unknown_region", number>;
  worst: EdgeOutcome;
  data_classes: string[];
  subprocessors: string[];
}

export interface SummaryNode {
  id: string;
  kind: "dataset" | "job";
  subprocessor: string | null;
  data_classes: string[] | null;
}

export interface SummaryEdge {
  id: string;
  kind: string;
  source_id: string;
  target_id: string;
  count: number;
  crossing: string | null;
  data_classes: string[];
}

const sorted = (s: Set<string>) => [...s].sort();

/** Over the rows as read, with each node's region and each edge's outcome as the graph decided them. */
export function summarise(
  nodes: readonly SummaryNode[],
  regionOf: ReadonlyMap<string, string | null>,
  edges: readonly SummaryEdge[],
  outcomeOf: ReadonlyMap<string, EdgeOutcome>,
): { regions: RegionGroup[]; cross_border: CrossBorderPair[] } {
  const groups = new Map<string | null, { datasets: number; jobs: number; classes: Set<string>; subprocessors: Set<string> }>();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const n of nodes) {
    const region = regionOf.get(n.id) ?? null;
    const g = groups.get(region) ?? groups.set(region, { datasets: 0, jobs: 0, classes: new Set(), subprocessors: new Set() }).get(region)!;
    if (n.kind === "dataset") g.datasets += 1;
    else g.jobs += 1;
    for (const c of n.data_classes ?? []) g.classes.add(c);
    if (n.subprocessor) g.subprocessors.add(n.subprocessor);
  }
  const regions = [...groups.entries()]
    .map(([region, g]) => ({ region, datasets: g.datasets, jobs: g.jobs, data_classes: sorted(g.classes), subprocessors: sorted(g.subprocessors) }))
    .sort((a, b) => (a.region === null ? 1 : b.region === null ? -1 : a.region.localeCompare(b.region)));

  const pairs = new Map<string, CrossBorderPair & { classes: Set<string>; via: Set<string> }>();
  for (const e of edges) {
    if (e.kind !== "flow") continue;
    const outcome = outcomeOf.get(e.id) ?? "in_region";
    const crossing = e.crossing;
    if (!crossing && outcome !== "unknown_region") continue;
    const from = regionOf.get(e.source_id) ?? null;
    const to = regionOf.get(e.target_id) ?? null;
    const key = JSON.stringify([from, to]);
    let p = pairs.get(key);
    if (!p) {
      p = { from, to, flows: 0, observations: 0, outcomes: { allowed: 0, allowed_with_condition: 0, violation: 0, unknown_region: 0 }, worst: "allowed", data_classes: [], subprocessors: [], classes: new Set(), via: new Set() };
      pairs.set(key, p);
    }
    p.flows += 1;
    p.observations += e.count;
    if (outcome !== "in_region") p.outcomes[outcome] += 1;
    p.worst = worst(p.worst, outcome);
    for (const c of e.data_classes) p.classes.add(c);
    const sub = crossing === "subprocessor" ? byId.get(e.target_id)?.subprocessor : null;
    if (sub) p.via.add(sub);
  }
  const cross_border = [...pairs.values()]
    .map(({ classes, via, ...p }) => ({ ...p, data_classes: sorted(classes), subprocessors: sorted(via) }))
    .sort((a, b) => b.outcomes.violation - a.outcomes.violation || b.flows - a.flows);
  return { regions, cross_border };
}
