import "server-only";
import type { Tx } from "@/platform/db/transaction";
import { canonicalJson } from "@/modules/audit/domain/canonical-json";
import type { BatchPlan } from "@/modules/lineage/domain/batch";
import { entityKey, type Observations } from "@/modules/lineage/domain/observations";
import type { LineageEventIn } from "@/modules/lineage/domain/parse-batch";
import type { DatasetState } from "@/modules/lineage/domain/rollup";

/**
 * The register writes of one ingest batch, each one statement over a JSON array of rows
 * (jsonb_to_recordset), whatever the batch size. Rows are sorted by key so that concurrent
 * batches take row locks in the same order.
 */

/** The registers changed under us between the read and the locked re-read: start again. */
export class StaleSnapshotError extends Error {
  constructor(what: string) {
    super(`lineage registers changed concurrently (${what})`);
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const byKey = <T>(rows: T[], key: (r: T) => string) =>
  rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

const KIND = { RunEvent: "run", DatasetEvent: "dataset", JobEvent: "job" } as const;

/** Raw events (rule 2: only ingest writes them). Returns the keys actually inserted. */
export async function insertRawEvents(
  tx: Tx,
  events: readonly (LineageEventIn & { tenantId: string })[],
  tokenId: string,
): Promise<Set<string>> {
  const rows = byKey(
    events.map((e) => ({
      event_key: e.key,
      tenant_id: e.tenantId,
      kind: KIND[e.kind],
      event_type: e.eventType,
      event_time: iso(e.eventTime),
      run_id: e.runId,
      payload: e.raw,
    })),
    (r) => r.event_key,
  );
  const inserted = await tx.$queryRawUnsafe<{ event_key: string }[]>(
    `INSERT INTO lineage_events (event_key, tenant_id, kind, event_type, event_time, run_id, ingest_token_id, payload)
     SELECT x.event_key, x.tenant_id, x.kind, x.event_type, x.event_time, x.run_id, $2, x.payload
       FROM jsonb_to_recordset($1::jsonb) AS x(event_key text, tenant_id text, kind text, event_type text, event_time timestamp(3), run_id text, payload jsonb)
     ON CONFLICT (event_key) DO NOTHING RETURNING event_key`,
    JSON.stringify(rows),
    tokenId,
  );
  return new Set(inserted.map((r) => r.event_key));
}

/** Whether a dataset's placement or facets change (event times and counters aside). */
function contentChanged(before: DatasetState, after: DatasetState): boolean {
  const content = (d: DatasetState) =>
    canonicalJson({ r: d.region, s: d.regionSource, p: d.subprocessor, f: d.form, c: d.dataClasses, x: d.facets });
  return content(before) !== content(after);
}

/**
 * Datasets: placement and facets as planned, counters added in SQL. A dataset whose placement
 * and facets stay as they were (the usual case: producers repeat their facets) gets only its
 * counters and times updated. Returns every dataset's id by key.
 */
export async function writeDatasets(tx: Tx, plan: BatchPlan, obs: Observations): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const changed: Record<string, unknown>[] = [];
  const counted: Record<string, unknown>[] = [];
  const fresh: Record<string, unknown>[] = [];
  for (const c of plan.datasets.values()) {
    if (c.id) ids.set(c.key, c.id);
    const o = obs.datasets.get(c.key);
    if (!o) continue;
    const times = {
      id: c.id,
      facets_at: iso(c.after.facetsAt),
      first_seen_at: iso(o.firstSeen),
      last_seen_at: iso(o.lastSeen),
      event_count: o.events,
    };
    if (c.id && c.before && !contentChanged(c.before, c.after)) {
      counted.push(times);
      continue;
    }
    const a = c.after;
    const row = {
      ...times,
      key: c.key,
      tenant_id: o.tenantId,
      namespace: o.namespace,
      name: o.name,
      region: a.region,
      region_source: a.regionSource,
      subprocessor: a.subprocessor,
      form: a.form,
      data_classes: a.dataClasses,
      facets: a.facets,
    };
    (c.id ? changed : fresh).push(row);
  }
  const columns = `key text, id text, tenant_id text, namespace text, name text, region text, region_source text, subprocessor text, form text,
    data_classes text[], facets jsonb, facets_at timestamp(3), first_seen_at timestamp(3), last_seen_at timestamp(3), event_count int`;
  const counters = `facets_at = GREATEST(d.facets_at, x.facets_at), first_seen_at = LEAST(d.first_seen_at, x.first_seen_at),
    last_seen_at = GREATEST(d.last_seen_at, x.last_seen_at), event_count = d.event_count + x.event_count`;
  if (counted.length > 0) {
    await tx.$executeRawUnsafe(
      `UPDATE lineage_datasets d SET ${counters}
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, facets_at timestamp(3), first_seen_at timestamp(3), last_seen_at timestamp(3), event_count int)
        WHERE d.id = x.id`,
      JSON.stringify(byKey(counted, (r) => String(r.id))),
    );
  }
  if (changed.length > 0) {
    await tx.$executeRawUnsafe(
      `UPDATE lineage_datasets d SET region = x.region, region_source = x.region_source, subprocessor = x.subprocessor, form = x.form,
              data_classes = x.data_classes, facets = x.facets, ${counters}
         FROM jsonb_to_recordset($1::jsonb) AS x(${columns}) WHERE d.id = x.id`,
      JSON.stringify(byKey(changed, (r) => String(r.id))),
    );
  }
  if (fresh.length > 0) {
    const created = await tx.$queryRawUnsafe<{ id: string; tenant_id: string; namespace: string; name: string }[]>(
      `INSERT INTO lineage_datasets (id, tenant_id, namespace, name, region, region_source, subprocessor, form, data_classes, facets, facets_at, first_seen_at, last_seen_at, event_count)
       SELECT gen_random_uuid()::text, x.tenant_id, x.namespace, x.name, x.region, x.region_source, x.subprocessor, x.form, x.data_classes, x.facets, x.facets_at,
              x.first_seen_at, x.last_seen_at, x.event_count
         FROM jsonb_to_recordset($1::jsonb) AS x(${columns})
       ON CONFLICT (tenant_id, namespace, name) DO NOTHING RETURNING id, tenant_id, namespace, name`,
      JSON.stringify(byKey(fresh, (r) => String(r.key))),
    );
    // Planned as new but already there: another batch created it after our read.
    if (created.length !== fresh.length) throw new StaleSnapshotError("a dataset was created");
    for (const r of created) ids.set(entityKey(r.tenant_id, r.namespace, r.name), r.id);
  }
  return ids;
}

/** Jobs: facets merged facet by facet (newest wins), counters added. Returns ids by key. */
export async function upsertJobs(
  tx: Tx,
  obs: Observations,
  newRunsByJob: ReadonlyMap<string, number>,
): Promise<Map<string, string>> {
  if (obs.jobs.size === 0) return new Map();
  const rows = byKey(
    [...obs.jobs.values()].map((j) => ({
      key: j.key,
      tenant_id: j.tenantId,
      namespace: j.namespace,
      name: j.name,
      facets: j.facets,
      facets_at: iso(j.facetsAt),
      first_seen_at: iso(j.firstSeen),
      last_seen_at: iso(j.lastSeen),
      event_count: j.events,
      run_count: newRunsByJob.get(j.key) ?? 0,
    })),
    (r) => r.key,
  );
  const out = await tx.$queryRawUnsafe<{ id: string; tenant_id: string; namespace: string; name: string }[]>(
    `INSERT INTO lineage_jobs AS j (id, tenant_id, namespace, name, facets, facets_at, first_seen_at, last_seen_at, event_count, run_count)
     SELECT gen_random_uuid()::text, x.tenant_id, x.namespace, x.name, x.facets, x.facets_at, x.first_seen_at, x.last_seen_at, x.event_count, x.run_count
       FROM jsonb_to_recordset($1::jsonb) AS x(key text, tenant_id text, namespace text, name text, facets jsonb, facets_at timestamp(3),
            first_seen_at timestamp(3), last_seen_at timestamp(3), event_count int, run_count int)
     ON CONFLICT (tenant_id, namespace, name) DO UPDATE SET
       facets = CASE WHEN j.facets_at IS NULL OR excluded.facets_at >= j.facets_at THEN j.facets || excluded.facets ELSE excluded.facets || j.facets END,
       facets_at = GREATEST(j.facets_at, excluded.facets_at),
       first_seen_at = LEAST(j.first_seen_at, excluded.first_seen_at), last_seen_at = GREATEST(j.last_seen_at, excluded.last_seen_at),
       event_count = j.event_count + excluded.event_count, run_count = j.run_count + excluded.run_count
     RETURNING id, tenant_id, namespace, name`,
    JSON.stringify(rows),
  );
  return new Map(out.map((r) => [entityKey(r.tenant_id, r.namespace, r.name), r.id]));
}

/** Runs: the inputs and outputs seen so far, as dataset ids. */
export async function writeRuns(
  tx: Tx,
  plan: BatchPlan,
  datasetIds: ReadonlyMap<string, string>,
  jobIds: ReadonlyMap<string, string>,
): Promise<void> {
  const toIds = (keys: string[]) => keys.map((k) => datasetIds.get(k)).filter((id): id is string => id !== undefined);
  const rows = plan.runs.map((r) => ({
    tenant_id: r.tenantId,
    run_id: r.runId,
    job_id: jobIds.get(r.jobKey),
    input_ids: toIds(r.inputs),
    output_ids: toIds(r.outputs),
    last_event_type: r.lastEventType,
    first_seen_at: iso(r.firstSeen),
    last_seen_at: iso(r.lastSeen),
    is_new: r.isNew,
  }));
  const columns = `tenant_id text, run_id text, job_id text, input_ids text[], output_ids text[], last_event_type text, first_seen_at timestamp(3), last_seen_at timestamp(3)`;
  const fresh = byKey(
    rows.filter((r) => r.is_new),
    (r) => `${r.tenant_id}/${r.run_id}`,
  );
  const known = byKey(
    rows.filter((r) => !r.is_new),
    (r) => `${r.tenant_id}/${r.run_id}`,
  );
  if (known.length > 0) {
    await tx.$executeRawUnsafe(
      `UPDATE lineage_runs r SET job_id = x.job_id, input_ids = x.input_ids, output_ids = x.output_ids,
              last_event_type = COALESCE(x.last_event_type, r.last_event_type),
              first_seen_at = LEAST(r.first_seen_at, x.first_seen_at), last_seen_at = GREATEST(r.last_seen_at, x.last_seen_at)
         FROM jsonb_to_recordset($1::jsonb) AS x(${columns}) WHERE r.tenant_id = x.tenant_id AND r.run_id = x.run_id`,
      JSON.stringify(known),
    );
  }
  if (fresh.length > 0) {
    const created = await tx.$queryRawUnsafe<{ run_id: string }[]>(
      `INSERT INTO lineage_runs (tenant_id, run_id, job_id, input_ids, output_ids, last_event_type, first_seen_at, last_seen_at)
       SELECT x.tenant_id, x.run_id, x.job_id, x.input_ids, x.output_ids, x.last_event_type, x.first_seen_at, x.last_seen_at
         FROM jsonb_to_recordset($1::jsonb) AS x(${columns})
       ON CONFLICT (tenant_id, run_id) DO NOTHING RETURNING run_id`,
      JSON.stringify(fresh),
    );
    if (created.length !== fresh.length) throw new StaleSnapshotError("a run was created");
  }
}
