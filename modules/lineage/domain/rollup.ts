import { placeByRules, type CompiledRule } from "@/modules/lineage/domain/namespace-rules";
import { runKey, type DatasetObservation, type Observations } from "@/modules/lineage/domain/observations";
import type { RunEventType } from "@/modules/lineage/domain/openlineage-schema";
import type { DataForm } from "@/modules/lineage/domain/terrane-facets";

/**
 * Merging a batch's observations into register state, and the edges they imply. Pure, so
 * the data layer can run it twice: once before its transaction (to know which flows to
 * evaluate against the sharing decisions, which cannot be asked inside the transaction) and
 * once on the rows it locked, checking that both agree.
 */

export type RegionSource = "facet" | "rule" | "unknown";

export interface DatasetState {
  region: string | null;
  regionSource: RegionSource;
  subprocessor: string | null;
  form: DataForm | null;
  dataClasses: string[];
  facets: Record<string, unknown>;
  facetsAt: Date | null;
}

/**
 * Facets: a later instance replaces an earlier one, facet by facet (OpenLineage facets are
 * atomic). Placement: a residency facet wins over rules and stays until a newer facet replaces
 * it; without one, the namespace rules decide afresh on every sighting (rules may change), and
 * no rule means "region unknown".
 */
export function mergeDataset(
  existing: DatasetState | null,
  obs: DatasetObservation,
  rules: readonly CompiledRule[],
): DatasetState {
  const obsNewer = !existing?.facetsAt || (obs.facetsAt !== null && obs.facetsAt >= existing.facetsAt);
  const facets = obsNewer ? { ...(existing?.facets ?? {}), ...obs.facets } : { ...obs.facets, ...existing!.facets };
  const facetsAt = [existing?.facetsAt ?? null, obs.facetsAt].reduce<Date | null>(
    (a, b) => (!a ? b : !b ? a : a >= b ? a : b),
    null,
  );
  const residencyNewer = obs.residency && (!existing?.facetsAt || obs.residency.at >= existing.facetsAt);
  if (obs.residency && (existing?.regionSource !== "facet" || residencyNewer)) {
    const f = obs.residency.facet;
    return {
      region: f.region,
      regionSource: "facet",
      subprocessor: f.subprocessor ?? null,
      form: f.form ?? null,
      dataClasses: [...f.dataClasses].sort(),
      facets,
      facetsAt,
    };
  }
  if (existing?.regionSource === "facet") return { ...existing, facets, facetsAt };
  const placed = placeByRules(obs.namespace, rules);
  return {
    region: placed.region,
    regionSource: placed.source,
    subprocessor: placed.subprocessor,
    form: null,
    dataClasses: [],
    facets,
    facetsAt,
  };
}

export type EdgeKind = "input" | "output" | "flow";

export interface EdgeTouch {
  tenantId: string;
  kind: EdgeKind;
  /** Entity keys (see entityKey): a dataset or a job. */
  source: string;
  target: string;
  /** How many more runs (or job declarations) showed it. */
  increment: number;
  firstSeen: Date;
  lastSeen: Date;
}

export interface StoredRun {
  jobKey: string;
  inputs: string[];
  outputs: string[];
}

export interface RunWrite {
  tenantId: string;
  runId: string;
  jobKey: string;
  inputs: string[];
  outputs: string[];
  lastEventType: RunEventType | null;
  firstSeen: Date;
  lastSeen: Date;
  isNew: boolean;
}

export const edgeKey = (tenantId: string, kind: EdgeKind, source: string, target: string) =>
  `${tenantId}\u001e${kind}\u001e${source}\u001e${target}`;

function touch(edges: Map<string, EdgeTouch>, e: EdgeTouch): void {
  const k = edgeKey(e.tenantId, e.kind, e.source, e.target);
  const prev = edges.get(k);
  if (!prev) return void edges.set(k, { ...e });
  prev.increment += e.increment;
  if (e.firstSeen < prev.firstSeen) prev.firstSeen = e.firstSeen;
  if (e.lastSeen > prev.lastSeen) prev.lastSeen = e.lastSeen;
}

/**
 * The edges a batch touches. A run's inputs and outputs accumulate over its events (metadata
 * is additive), so a flow input → output exists once the run has shown both; each edge counts
 * the runs that showed it, once per run. A JobEvent's declaration counts once per event.
 */
export function deriveEdges(
  obs: Observations,
  stored: ReadonlyMap<string, StoredRun>,
): { runs: RunWrite[]; edges: Map<string, EdgeTouch>; newRunsByJob: Map<string, number> } {
  const edges = new Map<string, EdgeTouch>();
  const runs: RunWrite[] = [];
  const newRunsByJob = new Map<string, number>();
  for (const r of obs.runs.values()) {
    const before = stored.get(runKey(r.tenantId, r.runId));
    // A run belongs to the job its events name (a run id reused by another job is the producer's error).
    const jobKey = r.jobKey;
    const oldIn = new Set(before?.inputs ?? []);
    const oldOut = new Set(before?.outputs ?? []);
    const inputs = [...new Set([...oldIn, ...r.inputs])].sort();
    const outputs = [...new Set([...oldOut, ...r.outputs])].sort();
    const at = { firstSeen: r.firstSeen, lastSeen: r.lastEventTime, tenantId: r.tenantId };
    for (const i of inputs)
      touch(edges, { ...at, kind: "input", source: i, target: jobKey, increment: oldIn.has(i) ? 0 : 1 });
    for (const o of outputs)
      touch(edges, { ...at, kind: "output", source: jobKey, target: o, increment: oldOut.has(o) ? 0 : 1 });
    for (const i of inputs) {
      for (const o of outputs) {
        if (i === o) continue;
        touch(edges, { ...at, kind: "flow", source: i, target: o, increment: oldIn.has(i) && oldOut.has(o) ? 0 : 1 });
      }
    }
    if (!before) newRunsByJob.set(jobKey, (newRunsByJob.get(jobKey) ?? 0) + 1);
    runs.push({
      tenantId: r.tenantId,
      runId: r.runId,
      jobKey,
      inputs,
      outputs,
      lastEventType: r.lastEventType,
      firstSeen: r.firstSeen,
      lastSeen: r.lastEventTime,
      isNew: !before,
    });
  }
  for (const d of obs.declarations) {
    const at = { firstSeen: d.at, lastSeen: d.at, tenantId: d.tenantId, increment: 1 };
    for (const i of d.inputs) touch(edges, { ...at, kind: "input", source: i, target: d.jobKey });
    for (const o of d.outputs) touch(edges, { ...at, kind: "output", source: d.jobKey, target: o });
    for (const i of d.inputs)
      for (const o of d.outputs) if (i !== o) touch(edges, { ...at, kind: "flow", source: i, target: o });
  }
  return { runs, edges, newRunsByJob };
}
