import type { LineageDatasetRef, LineageEventIn } from "@/modules/lineage/domain/parse-batch";
import type { ResidencyFacet } from "@/modules/lineage/domain/terrane-facets";
import type { RunEventType } from "@/modules/lineage/domain/openlineage-schema";

/**
 * What a batch of (new, validated) events says about each dataset, job and run, before it is
 * merged with what the registers already hold. Pure: the data layer reads and writes.
 */

/** Identity of a dataset or job within the region: tenant, namespace, name. */
// U+001F cannot occur in a validated name (control characters are refused), and jsonb holds it.
export const entityKey = (tenantId: string, namespace: string, name: string) =>
  `${tenantId}\u001f${namespace}\u001f${name}`;

export interface DatasetObservation {
  key: string;
  tenantId: string;
  namespace: string;
  name: string;
  /** Facets by name, each the instance of the latest event that carried it. */
  facets: Record<string, unknown>;
  facetsAt: Date | null;
  residency: { facet: ResidencyFacet; at: Date; path: string } | null;
  firstSeen: Date;
  lastSeen: Date;
  events: number;
}

export interface JobObservation {
  key: string;
  tenantId: string;
  namespace: string;
  name: string;
  facets: Record<string, unknown>;
  facetsAt: Date | null;
  firstSeen: Date;
  lastSeen: Date;
  events: number;
}

export interface RunObservation {
  tenantId: string;
  runId: string;
  jobKey: string;
  inputs: Set<string>;
  outputs: Set<string>;
  lastEventType: RunEventType | null;
  lastEventTime: Date;
  firstSeen: Date;
}

/** A JobEvent declares its job's inputs and outputs once, outside any run. */
export interface JobDeclaration {
  tenantId: string;
  jobKey: string;
  inputs: string[];
  outputs: string[];
  at: Date;
}

export interface Observations {
  datasets: Map<string, DatasetObservation>;
  jobs: Map<string, JobObservation>;
  runs: Map<string, RunObservation>;
  declarations: JobDeclaration[];
}

export const runKey = (tenantId: string, runId: string) => `${tenantId}\u001f${runId}`;

const min = (a: Date, b: Date) => (a <= b ? a : b);
const max = (a: Date, b: Date) => (a >= b ? a : b);

function observeFacets(
  target: { facets: Record<string, unknown>; facetsAt: Date | null },
  facets: Record<string, unknown>,
  at: Date,
): void {
  // Events are applied in event-time order, so a later instance of a facet replaces an earlier one.
  if (Object.keys(facets).length === 0) return;
  Object.assign(target.facets, facets);
  target.facetsAt = target.facetsAt ? max(target.facetsAt, at) : at;
}

export function observe(events: readonly (LineageEventIn & { tenantId: string })[]): Observations {
  const out: Observations = { datasets: new Map(), jobs: new Map(), runs: new Map(), declarations: [] };
  const ordered = [...events].sort((a, b) => a.eventTime.getTime() - b.eventTime.getTime() || a.index - b.index);

  const dataset = (tenantId: string, ref: LineageDatasetRef, at: Date): string => {
    const key = entityKey(tenantId, ref.namespace, ref.name);
    let d = out.datasets.get(key);
    if (!d) {
      d = {
        key,
        tenantId,
        namespace: ref.namespace,
        name: ref.name,
        facets: {},
        facetsAt: null,
        residency: null,
        firstSeen: at,
        lastSeen: at,
        events: 0,
      };
      out.datasets.set(key, d);
    }
    d.events += 1;
    d.firstSeen = min(d.firstSeen, at);
    d.lastSeen = max(d.lastSeen, at);
    observeFacets(d, ref.facets, at);
    if (ref.residency) d.residency = { facet: ref.residency, at, path: `${ref.path}.facets.terrane_residency` };
    return key;
  };

  for (const e of ordered) {
    const at = e.eventTime;
    if (e.dataset) dataset(e.tenantId, e.dataset, at);
    if (!e.job) continue;
    const jobKey = entityKey(e.tenantId, e.job.namespace, e.job.name);
    let j = out.jobs.get(jobKey);
    if (!j) {
      j = {
        key: jobKey,
        tenantId: e.tenantId,
        namespace: e.job.namespace,
        name: e.job.name,
        facets: {},
        facetsAt: null,
        firstSeen: at,
        lastSeen: at,
        events: 0,
      };
      out.jobs.set(jobKey, j);
    }
    j.events += 1;
    j.firstSeen = min(j.firstSeen, at);
    j.lastSeen = max(j.lastSeen, at);
    observeFacets(j, e.job.facets, at);
    const inputs = e.inputs.map((d) => dataset(e.tenantId, d, at));
    const outputs = e.outputs.map((d) => dataset(e.tenantId, d, at));
    if (e.runId) {
      const rk = runKey(e.tenantId, e.runId);
      let r = out.runs.get(rk);
      if (!r) {
        r = {
          tenantId: e.tenantId,
          runId: e.runId,
          jobKey,
          inputs: new Set(),
          outputs: new Set(),
          lastEventType: null,
          lastEventTime: at,
          firstSeen: at,
        };
        out.runs.set(rk, r);
      }
      for (const i of inputs) r.inputs.add(i);
      for (const o of outputs) r.outputs.add(o);
      r.lastEventType = e.eventType ?? r.lastEventType;
      r.lastEventTime = max(r.lastEventTime, at);
    } else {
      out.declarations.push({
        tenantId: e.tenantId,
        jobKey,
        inputs: [...new Set(inputs)],
        outputs: [...new Set(outputs)],
        at,
      });
    }
  }
  return out;
}
