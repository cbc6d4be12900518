import { worst, type EdgeOutcome } from "@/modules/lineage/domain/evaluation";

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

const sorted = (s: Iterable<string>) => [...new Set(s)].sort();

/** Groups in region order, the unknown region last. */
const byRegion = (a: RegionGroup, b: RegionGroup) =>
  a.region === null ? 1 : b.region === null ? -1 : a.region.localeCompare(b.region);
/**
 * Pairs with the most violations first, then the busiest; ties by the pair itself, so the order
 * never depends on the order rows were read in (the full graph and the summary agree).
 */
const byConcern = (a: CrossBorderPair, b: CrossBorderPair) =>
  b.outcomes.violation - a.outcomes.violation ||
  b.flows - a.flows ||
  pairKey(a.from, a.to).localeCompare(pairKey(b.from, b.to));
const pairKey = (from: string | null, to: string | null) => JSON.stringify([from, to]);

/** Over the rows as read, with each node's region and each edge's outcome as the graph decided them. */
export function summarise(
  nodes: readonly SummaryNode[],
  regionOf: ReadonlyMap<string, string | null>,
  edges: readonly SummaryEdge[],
  outcomeOf: ReadonlyMap<string, EdgeOutcome>,
): { regions: RegionGroup[]; cross_border: CrossBorderPair[] } {
  const groups = new Map<
    string | null,
    { datasets: number; jobs: number; classes: Set<string>; subprocessors: Set<string> }
  >();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const n of nodes) {
    const region = regionOf.get(n.id) ?? null;
    const g =
      groups.get(region) ??
      groups.set(region, { datasets: 0, jobs: 0, classes: new Set(), subprocessors: new Set() }).get(region)!;
    if (n.kind === "dataset") g.datasets += 1;
    else g.jobs += 1;
    for (const c of n.data_classes ?? []) g.classes.add(c);
    if (n.subprocessor) g.subprocessors.add(n.subprocessor);
  }
  const regions = [...groups.entries()]
    .map(([region, g]) => ({
      region,
      datasets: g.datasets,
      jobs: g.jobs,
      data_classes: sorted(g.classes),
      subprocessors: sorted(g.subprocessors),
    }))
    .sort(byRegion);

  const pairs = new Map<string, CrossBorderPair & { classes: Set<string>; via: Set<string> }>();
  for (const e of edges) {
    if (e.kind !== "flow") continue;
    const outcome = outcomeOf.get(e.id) ?? "in_region";
    const crossing = e.crossing;
    if (!crossing && outcome !== "unknown_region") continue;
    const from = regionOf.get(e.source_id) ?? null;
    const to = regionOf.get(e.target_id) ?? null;
    const key = pairKey(from, to);
    let p = pairs.get(key);
    if (!p) {
      p = {
        from,
        to,
        flows: 0,
        observations: 0,
        outcomes: { allowed: 0, allowed_with_condition: 0, violation: 0, unknown_region: 0 },
        worst: "allowed",
        data_classes: [],
        subprocessors: [],
        classes: new Set(),
        via: new Set(),
      };
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
    .sort(byConcern);
  return { regions, cross_border };
}

/** Per region, as the summary's SQL aggregates it: datasets (with their classes and subprocessors) or jobs (by derived region). */
export interface RegionAggregate {
  region: string | null;
  datasets: number;
  jobs: number;
  data_classes: string[];
  subprocessors: string[];
}

/** Per region pair, the flows that cross a border or touch an unknown region, as the summary's SQL aggregates them. */
export interface PairAggregate {
  from: string | null;
  to: string | null;
  flows: number;
  observations: number;
  /** Flows per outcome; in_region may appear (a stored crossing judged in region) and counts for nothing but the worst. */
  outcomes: Partial<Record<EdgeOutcome, number>>;
  data_classes: string[];
  subprocessors: string[];
}

/**
 * The same groups and pairs as summarise(), from aggregates the database computed instead of
 * every node and edge: several rows per region or pair may come (datasets and jobs apart) and
 * are merged; the order and the worst outcome follow summarise() exactly.
 */
export function fromAggregates(
  regionRows: readonly RegionAggregate[],
  pairRows: readonly PairAggregate[],
): { regions: RegionGroup[]; cross_border: CrossBorderPair[] } {
  const groups = new Map<string | null, RegionAggregate>();
  for (const r of regionRows) {
    const g = groups.get(r.region);
    if (!g) groups.set(r.region, { ...r, data_classes: [...r.data_classes], subprocessors: [...r.subprocessors] });
    else {
      g.datasets += r.datasets;
      g.jobs += r.jobs;
      g.data_classes.push(...r.data_classes);
      g.subprocessors.push(...r.subprocessors);
    }
  }
  const regions = [...groups.values()]
    .map((g) => ({
      region: g.region,
      datasets: g.datasets,
      jobs: g.jobs,
      data_classes: sorted(g.data_classes),
      subprocessors: sorted(g.subprocessors),
    }))
    .sort(byRegion);
  const cross_border = pairRows
    .map((p): CrossBorderPair => {
      const outcomes = {
        allowed: p.outcomes.allowed ?? 0,
        allowed_with_condition: p.outcomes.allowed_with_condition ?? 0,
        violation: p.outcomes.violation ?? 0,
        unknown_region: p.outcomes.unknown_region ?? 0,
      };
      let w: EdgeOutcome = "allowed";
      for (const [o, n] of Object.entries(p.outcomes) as [EdgeOutcome, number][]) if (n > 0) w = worst(w, o);
      return {
        from: p.from,
        to: p.to,
        flows: p.flows,
        observations: p.observations,
        outcomes,
        worst: w,
        data_classes: sorted(p.data_classes),
        subprocessors: sorted(p.subprocessors),
      };
    })
    .sort(byConcern);
  return { regions, cross_border };
}
