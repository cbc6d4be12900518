import "server-only";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import type { Tx } from "@/platform/db/transaction";
import type { Snapshot } from "@/modules/lineage/domain/batch";
import { entityKey, runKey, type Observations } from "@/modules/lineage/domain/observations";
import type { DatasetState, RegionSource } from "@/modules/lineage/domain/rollup";
import type { DataForm } from "@/modules/lineage/domain/terrane-facets";

export type RawClient = Pick<PrismaClient, "$queryRawUnsafe" | "$executeRawUnsafe"> | Tx;

export interface DatasetRow {
  id: string;
  tenant_id: string;
  namespace: string;
  name: string;
  region: string | null;
  region_source: string;
  subprocessor: string | null;
  form: string | null;
  data_classes: string[];
  facets: Record<string, unknown>;
  facets_at: Date | null;
}

export const DATASET_COLUMNS = `d.id, d.tenant_id, d.namespace, d.name, d.region, d.region_source, d.subprocessor, d.form, d.data_classes, d.facets_at`;

export function datasetState(r: DatasetRow): DatasetState {
  return {
    region: r.region,
    regionSource: r.region_source as RegionSource,
    subprocessor: r.subprocessor,
    form: r.form as DataForm | null,
    dataClasses: r.data_classes ?? [],
    facets: r.facets ?? {},
    facetsAt: r.facets_at ? new Date(r.facets_at) : null,
  };
}

/**
 * What the registers hold for a batch's datasets and runs, including the datasets its runs
 * saw in earlier batches. With `lock`, the rows stay locked (in id order, so concurrent batches
 * cannot deadlock on them) until the transaction ends. Three queries, whatever the batch size.
 */
export async function readSnapshot(client: RawClient, obs: Observations, lock: boolean): Promise<Snapshot> {
  const forUpdate = lock ? "FOR UPDATE" : "";
  const runKeys = [...obs.runs.values()].map((r) => ({ tenant_id: r.tenantId, run_id: r.runId }));
  const runRows =
    runKeys.length === 0
      ? []
      : await client.$queryRawUnsafe<
          { tenant_id: string; run_id: string; job_id: string; input_ids: string[]; output_ids: string[] }[]
        >(
          `SELECT r.tenant_id, r.run_id, r.job_id, r.input_ids, r.output_ids FROM lineage_runs r
       JOIN jsonb_to_recordset($1::jsonb) AS k(tenant_id text, run_id text) USING (tenant_id, run_id)
      ORDER BY r.tenant_id, r.run_id ${lock ? "FOR UPDATE OF r" : ""}`,
          JSON.stringify(runKeys),
        );
  const jobIds = [...new Set(runRows.map((r) => r.job_id))];
  const jobRows =
    jobIds.length === 0
      ? []
      : await client.$queryRawUnsafe<{ id: string; tenant_id: string; namespace: string; name: string }[]>(
          `SELECT id, tenant_id, namespace, name FROM lineage_jobs WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
          JSON.stringify(jobIds),
        );
  const jobKeyById = new Map(jobRows.map((j) => [j.id, entityKey(j.tenant_id, j.namespace, j.name)]));

  const dsKeys = [...obs.datasets.values()].map((d) => ({
    tenant_id: d.tenantId,
    namespace: d.namespace,
    name: d.name,
  }));
  const dsIds = [...new Set(runRows.flatMap((r) => [...r.input_ids, ...r.output_ids]))];
  const dsRows =
    dsKeys.length + dsIds.length === 0
      ? []
      : await client.$queryRawUnsafe<DatasetRow[]>(
          // Facets only under lock, where they are merged; the first pass needs placement alone.
          `SELECT ${DATASET_COLUMNS}, ${lock ? "d.facets" : "'{}'::jsonb AS facets"} FROM lineage_datasets d
      WHERE d.id IN (SELECT jsonb_array_elements_text($2::jsonb))
         OR (d.tenant_id, d.namespace, d.name) IN (SELECT tenant_id, namespace, name FROM jsonb_to_recordset($1::jsonb) AS k(tenant_id text, namespace text, name text))
      ORDER BY d.id ${forUpdate}`,
          JSON.stringify(dsKeys),
          JSON.stringify(dsIds),
        );
  const datasets = new Map(
    dsRows.map((r) => [entityKey(r.tenant_id, r.namespace, r.name), { id: r.id, state: datasetState(r) }]),
  );
  const dsKeyById = new Map(dsRows.map((r) => [r.id, entityKey(r.tenant_id, r.namespace, r.name)]));
  const keysOf = (ids: string[]) => ids.map((id) => dsKeyById.get(id)).filter((k): k is string => k !== undefined);
  const runs = new Map<string, { jobKey: string; inputs: string[]; outputs: string[] }>();
  for (const r of runRows) {
    const jobKey = jobKeyById.get(r.job_id);
    if (jobKey)
      runs.set(runKey(r.tenant_id, r.run_id), { jobKey, inputs: keysOf(r.input_ids), outputs: keysOf(r.output_ids) });
  }
  return { datasets, runs };
}
