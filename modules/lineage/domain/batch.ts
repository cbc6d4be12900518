import { classifyFlow, type FlowClassification } from "@/modules/lineage/domain/evaluation";
import type { CompiledRule } from "@/modules/lineage/domain/namespace-rules";
import type { Observations } from "@/modules/lineage/domain/observations";
import {
  deriveEdges,
  mergeDataset,
  type DatasetState,
  type EdgeTouch,
  type RunWrite,
  type StoredRun,
} from "@/modules/lineage/domain/rollup";

/** What the registers hold for the entities a batch touches (keys as in entityKey/runKey). */
export interface Snapshot {
  datasets: Map<string, { id: string; state: DatasetState }>;
  runs: Map<string, StoredRun>;
}

export interface DatasetChange {
  key: string;
  id: string | null;
  before: DatasetState | null;
  after: DatasetState;
  observed: boolean;
}

export interface BatchPlan {
  datasets: Map<string, DatasetChange>;
  runs: RunWrite[];
  edges: Map<string, EdgeTouch>;
  newRunsByJob: Map<string, number>;
  /** Per flow edge (edgeKey): what crossing it makes, and what must be asked about it. */
  flows: Map<string, FlowClassification>;
}

/**
 * The whole effect of a batch on the registers, given what they hold now. Deterministic, so
 * the data layer computes it before its transaction (to ask the sharing decisions about each
 * border-crossing flow) and again on the rows it has locked.
 */
export function planBatch(obs: Observations, snap: Snapshot, rules: readonly CompiledRule[]): BatchPlan {
  const datasets = new Map<string, DatasetChange>();
  for (const o of obs.datasets.values()) {
    const existing = snap.datasets.get(o.key) ?? null;
    datasets.set(o.key, {
      key: o.key,
      id: existing?.id ?? null,
      before: existing?.state ?? null,
      after: mergeDataset(existing?.state ?? null, o, rules),
      observed: true,
    });
  }
  for (const [key, d] of snap.datasets) {
    if (!datasets.has(key)) datasets.set(key, { key, id: d.id, before: d.state, after: d.state, observed: false });
  }
  const { runs, edges, newRunsByJob } = deriveEdges(obs, snap.runs);
  const flows = new Map<string, FlowClassification>();
  for (const [k, e] of edges) {
    if (e.kind !== "flow") continue;
    const from = datasets.get(e.source)?.after;
    const to = datasets.get(e.target)?.after;
    // A run may name a dataset the registers no longer hold; no state, no flow to judge.
    if (from && to) flows.set(k, classifyFlow(from, to));
    else edges.delete(k);
  }
  return { datasets, runs, edges, newRunsByJob, flows };
}
