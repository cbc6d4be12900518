/**
 * The demo's lineage simulator: while `npm run demo` runs, it posts OpenLineage RunEvents
 * (START and COMPLETE per job, one batch per region every few seconds) to each region's
 * `/api/v1/ingest/openlineage` with that region's ingest token, so the lineage graph and the
 * region map move. Its first burst is also the demo's lineage seed. The e2e specs reuse the
 * event builder to seed the same pipeline.
 *
 * Quiet by design: one line when a region first accepts events, one when it stops answering
 * and one when it is back; an instance restarting is retried on the next tick, never fatal.
 */
import { randomUUID } from "node:crypto";

const PRODUCER = "https://github.com/terrane/terrane/tree/main/scripts/lib/lineage-simulator.ts";
const RUN_EVENT_SCHEMA = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";

export interface SimDataset {
  namespace: string;
  name: string;
  region: string;
  dataClasses: string[];
  form?: "raw" | "pseudonymised" | "aggregate";
  subprocessor?: string;
}

export interface SimJob {
  name: string;
  inputs: SimDataset[];
  outputs: SimDataset[];
}

export interface SimTenant {
  slug: string;
  /** The region whose instance ingests this tenant's events: its home. */
  region: string;
  jobs: SimJob[];
}

const pg = (region: string, db: string, table: string, classes: string[]): SimDataset => ({
  namespace: `postgres://${db}.${region}.northwind.internal:5432`,
  name: table,
  region,
  dataClasses: classes,
});

/**
 * Northwind's pipelines: in eu-central-1 the shipments database → change stream → queue →
 * warehouse, pseudonymised analytics replicated to me-central-1 (allowed by a decision in
 * force) and a nightly backup to af-south-1 that no decision allows (a violation, on purpose).
 */
export function demoTenants(): SimTenant[] {
  const pii = ["business_records", "customer_pii"];
  const shipments = pg("eu-central-1", "shipments-db", "shipments.public.shipments", pii);
  const stream: SimDataset = {
    namespace: "kafka://events.eu-central-1.northwind.internal:9092",
    name: "shipments.cdc",
    region: "eu-central-1",
    dataClasses: pii,
  };
  const queue: SimDataset = {
    namespace: "amqp://queue.eu-central-1.northwind.internal",
    name: "shipments-to-warehouse",
    region: "eu-central-1",
    dataClasses: pii,
  };
  const warehouse = pg("eu-central-1", "warehouse", "analytics.fact_shipments", pii);
  const pseudo: SimDataset = {
    ...pg("eu-central-1", "warehouse", "analytics.shipments_pseudonymised", ["pseudonymised_analytics"]),
    form: "pseudonymised",
  };
  const gccCopy: SimDataset = {
    ...pg("me-central-1", "route-models", "training.shipments_pseudonymised", ["pseudonymised_analytics"]),
    form: "pseudonymised",
  };
  const backup: SimDataset = {
    namespace: "s3://northwind-backups-af-south-1",
    name: "warehouse/fact_shipments",
    region: "af-south-1",
    dataClasses: pii,
  };
  const gccKpis: SimDataset = {
    ...pg("me-central-1", "route-models", "reporting.route_kpis", ["aggregated_metrics"]),
    form: "aggregate",
  };
  const gccKpisEu: SimDataset = {
    ...pg("eu-central-1", "warehouse", "reporting.gcc_route_kpis", ["aggregated_metrics"]),
    form: "aggregate",
  };
  const customs = pg("af-south-1", "customs-db", "customs.public.filings", ["business_records"]);
  const customsEu = pg("eu-central-1", "warehouse", "analytics.za_customs_filings", ["business_records"]);
  return [
    {
      slug: "northwind-eu",
      region: "eu-central-1",
      jobs: [
        { name: "shipments-cdc", inputs: [shipments], outputs: [stream] },
        { name: "cdc-to-queue", inputs: [stream], outputs: [queue] },
        { name: "queue-to-warehouse", inputs: [queue], outputs: [warehouse] },
        { name: "pseudonymise-shipments", inputs: [warehouse], outputs: [pseudo] },
        { name: "replicate-analytics-to-gcc", inputs: [pseudo], outputs: [gccCopy] },
        { name: "nightly-warehouse-backup", inputs: [warehouse], outputs: [backup] },
      ],
    },
    {
      slug: "northwind-gcc",
      region: "me-central-1",
      jobs: [{ name: "export-route-kpis", inputs: [gccKpis], outputs: [gccKpisEu] }],
    },
    {
      slug: "northwind-za",
      region: "af-south-1",
      jobs: [{ name: "sync-customs-to-eu", inputs: [customs], outputs: [customsEu] }],
    },
  ];
}

function dataset(d: SimDataset, facetBase: string) {
  return {
    namespace: d.namespace,
    name: d.name,
    facets: {
      terrane_residency: {
        _producer: PRODUCER,
        _schemaURL: `${facetBase}/api/v1/openlineage/facets/terrane_residency/1-0-0.json`,
        region: d.region,
        dataClasses: d.dataClasses,
        ...(d.form ? { form: d.form } : {}),
        ...(d.subprocessor ? { subprocessor: d.subprocessor } : {}),
      },
    },
  };
}

/** START and COMPLETE of one run of each job, as the OpenLineage 2-0-x spec shapes them. */
export function runEvents(tenant: string, jobs: SimJob[], facetBase: string, at = new Date()): unknown[] {
  return jobs.flatMap((job, i) => {
    const runId = randomUUID();
    const start = new Date(at.getTime() - 2_000 + i * 10);
    const common = {
      producer: PRODUCER,
      schemaURL: RUN_EVENT_SCHEMA,
      run: { runId },
      job: {
        namespace: `${tenant}.pipelines`,
        name: job.name,
        facets: {
          terrane_tenant: {
            _producer: PRODUCER,
            _schemaURL: `${facetBase}/api/v1/openlineage/facets/terrane_tenant/1-0-0.json`,
            tenant,
          },
        },
      },
      inputs: job.inputs.map((d) => dataset(d, facetBase)),
      outputs: job.outputs.map((d) => dataset(d, facetBase)),
    };
    return [
      { ...common, eventType: "START", eventTime: start.toISOString() },
      { ...common, eventType: "COMPLETE", eventTime: new Date(start.getTime() + 1_500).toISOString() },
    ];
  });
}

/** Posts a batch; throws when the region is unreachable or answers other than 2xx. */
export async function postEvents(baseUrl: string, token: string, events: unknown[], timeoutMs = 10_000): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/ingest/openlineage`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(events),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`${response.status} ${(await response.text()).slice(0, 300)}`);
}

export interface SimulatorOptions {
  regions: { id: string; url: string }[];
  ingestTokens: Record<string, string>;
  intervalMs?: number;
  log?: (line: string) => void;
}

/** Starts posting; returns a stop function. */
export function startLineageSimulator(options: SimulatorOptions): () => void {
  const log = options.log ?? ((line: string) => console.log(line));
  const interval = options.intervalMs ?? 5_000;
  const tenants = demoTenants();
  const up = new Map<string, boolean>();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  async function tick(): Promise<void> {
    await Promise.all(
      options.regions.map(async (region) => {
        const token = options.ingestTokens[region.id];
        const mine = tenants.filter((t) => t.region === region.id);
        if (!token || mine.length === 0) return;
        const events = mine.flatMap((t) => runEvents(t.slug, t.jobs, region.url));
        try {
          await postEvents(region.url, token, events);
          if (up.get(region.id) !== true)
            log(`lineage simulator: posting OpenLineage events to ${region.id} every ${interval / 1000}s`);
          up.set(region.id, true);
        } catch (err) {
          // An instance that is starting or restarting is retried on the next tick.
          if (up.get(region.id) === true)
            log(
              `lineage simulator: ${region.id} did not take events (${err instanceof Error ? err.message : String(err)}); retrying`,
            );
          up.set(region.id, false);
        }
      }),
    );
    if (!stopped) timer = setTimeout(() => void tick(), interval);
  }
  void tick();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
