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
  region: string | null;
  subprocessor: string | null;
  data_classes: string[];
}

export interface SummaryEdge {
  kind: string;
  source: string;
  target: string;
  count: number;
  evaluation: { outcome: EdgeOutcome; crossing: string | null; data_classes: string[] };
}

const sorted = (s: Set<string>) => [...s].sort();

export function summarise(nodes: readonly SummaryNode[], edges: readonly SummaryEdge[]): { regions: RegionGroup[]; cross_border: CrossBorderPair[] } {
  const groups = new Map<string | null, { datasets: number; jobs: number; classes: Set<string>; subprocessors: Set<string> }>();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const n of nodes) {
    const g = groups.get(n.region) ?? groups.set(n.region, { datasets: 0, jobs: 0, classes: new Set(), subprocessors: new Set() }).get(n.region)!;
    if (n.kind === "dataset") g.datasets += 1;
    else g.jobs += 1;
    for (const c of n.data_classes) g.classes.add(c);
    if (n.subprocessor) g.subprocessors.add(n.subprocessor);
  }
  const regions = [...groups.entries()]
    .map(([region, g]) => ({ region, datasets: g.datasets, jobs: g.jobs, data_classes: sorted(g.classes), subprocessors: sorted(g.subprocessors) }))
    .sort((a, b) => (a.region === null ? 1 : b.region === null ? -1 : a.region.localeCompare(b.region)));

  const pairs = new Map<string, CrossBorderPair & { classes: Set<string>; via: Set<string> }>();
  for (const e of edges) {
    if (e.kind !== "flow") continue;
    const { outcome, crossing } = e.evaluation;
    if (!crossing && outcome !== "unknown_region") continue;
    const from = byId.get(e.source)?.region ?? null;
    const to = byId.get(e.target)?.region ?? null;
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
    for (const c of e.evaluation.data_classes) p.classes.add(c);
    const sub = crossing === "subprocessor" ? byId.get(e.target)?.subprocessor : null;
    if (sub) p.via.add(sub);
  }
  const cross_border = [...pairs.values()]
    .map(({ classes, via, ...p }) => ({ ...p, data_classes: sorted(classes), subprocessors: sorted(via) }))
    .sort((a, b) => b.outcomes.violation - a.outcomes.violation || b.flows - a.flows);
  return { regions, cross_border };
}
