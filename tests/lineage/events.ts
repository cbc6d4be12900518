import { randomUUID } from "node:crypto";

/** Builders of OpenLineage 2-0-2 events with Terrane's facets, as a data plane sends them. */

export const PRODUCER = "https://github.com/northwind/pipelines/tree/v4.2.0";
const FACETS = "http://localhost:3000/api/v1/openlineage/facets";
export const TENANT_FACET_URL = `${FACETS}/terrane_tenant/1-0-0.json#/$defs/TerraneTenantJobFacet`;
export const RESIDENCY_FACET_URL = `${FACETS}/terrane_residency/1-0-0.json#/$defs/TerraneResidencyDatasetFacet`;
const SPEC = "https://openlineage.io/spec/2-0-2/OpenLineage.json";

type Json = Record<string, unknown>;

export const tenantFacet = (tenant: string): Json => ({ _producer: PRODUCER, _schemaURL: TENANT_FACET_URL, tenant });

export const residency = (region: string, dataClasses: string[], extra: Json = {}): Json => ({
  _producer: PRODUCER,
  _schemaURL: RESIDENCY_FACET_URL,
  region,
  dataClasses,
  ...extra,
});

export interface DatasetSpec {
  namespace: string;
  name: string;
  region?: string;
  classes?: string[];
  extra?: Json;
  facets?: Json;
}

export function dataset(d: DatasetSpec): Json {
  const facets: Json = { ...(d.facets ?? {}) };
  if (d.region) facets.terrane_residency = residency(d.region, d.classes ?? [], d.extra);
  return { namespace: d.namespace, name: d.name, ...(Object.keys(facets).length ? { facets } : {}) };
}

export interface RunSpec {
  tenant: string;
  job?: { namespace: string; name: string };
  runId?: string;
  eventType?: string;
  eventTime?: string;
  inputs?: DatasetSpec[];
  outputs?: DatasetSpec[];
}

export function runEvent(r: RunSpec): Json {
  const job = r.job ?? { namespace: "northwind-airflow", name: "shipments.replicate" };
  return {
    eventType: r.eventType ?? "COMPLETE",
    eventTime: r.eventTime ?? new Date().toISOString(),
    run: { runId: r.runId ?? randomUUID() },
    job: { ...job, facets: { terrane_tenant: tenantFacet(r.tenant) } },
    inputs: (r.inputs ?? []).map(dataset),
    outputs: (r.outputs ?? []).map(dataset),
    producer: PRODUCER,
    schemaURL: `${SPEC}#/$defs/RunEvent`,
  };
}

export function datasetEvent(tenant: string, d: DatasetSpec, eventTime = new Date().toISOString()): Json {
  const ds = dataset(d) as { facets?: Json };
  return {
    eventTime,
    dataset: {
      ...ds,
      facets: {
        ...(ds.facets ?? {}),
        terrane_tenant: { ...tenantFacet(tenant), _schemaURL: TENANT_FACET_URL.replace("JobFacet", "DatasetFacet") },
      },
    },
    producer: PRODUCER,
    schemaURL: `${SPEC}#/$defs/DatasetEvent`,
  };
}

export function jobEvent(
  tenant: string,
  job: { namespace: string; name: string },
  inputs: DatasetSpec[],
  outputs: DatasetSpec[],
): Json {
  return {
    eventTime: new Date().toISOString(),
    job: { ...job, facets: { terrane_tenant: tenantFacet(tenant) } },
    inputs: inputs.map(dataset),
    outputs: outputs.map(dataset),
    producer: PRODUCER,
    schemaURL: `${SPEC}#/$defs/JobEvent`,
  };
}
