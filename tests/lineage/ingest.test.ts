import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../helpers/databases";
import { datasetEvent, jobEvent, runEvent } from "./events";
import { useLineageWorld } from "./world";

const T = "northwind-eu";
const DB = {
  namespace: "postgres://shipments-db.eu-central-1.internal:5432",
  name: "shipments.public.orders",
  region: "eu-central-1",
  classes: ["customer_pii", "business_records"],
};
const WAREHOUSE = {
  namespace: "clickhouse://analytics.eu-central-1.internal",
  name: "analytics.orders_daily",
  region: "eu-central-1",
  classes: ["aggregated_metrics"],
};
const STREAM = {
  namespace: "kafka://shipment-events.eu-central-1.internal:9092",
  name: "shipment-events",
  region: "eu-central-1",
  classes: ["business_records"],
};

describe.each(DATABASE_KINDS)("OpenLineage ingest on %s", (kind) => {
  const w = useLineageWorld(kind);
  const tenantId = () => w.tenantId(T);

  it("takes a RunEvent START then COMPLETE of one run: datasets, job, run, edges and a derived flow", async () => {
    const runId = randomUUID();
    const job = { namespace: "northwind-airflow", name: "orders.daily_rollup" };
    const start = await w.post(runEvent({ tenant: T, job, runId, eventType: "START", inputs: [DB] }));
    expect(start.status, await start.clone().text()).toBe(200);
    expect(start.headers.get("x-terrane-region")).toBe("eu-central-1");
    expect(await start.json()).toEqual({
      received: 1,
      stored: 1,
      duplicates: 0,
      datasets_created: 1,
      edges_created: 1,
      alerts_raised: 0,
    });
    const complete = await w.post(runEvent({ tenant: T, job, runId, eventType: "COMPLETE", outputs: [WAREHOUSE] }));
    expect(await complete.json()).toMatchObject({ stored: 1, datasets_created: 1, edges_created: 2 });

    const p = w.region.prisma;
    const datasets = await p.lineageDataset.findMany({
      where: { tenantId: tenantId(), name: { in: [DB.name, WAREHOUSE.name] } },
      orderBy: { name: "asc" },
    });
    expect(datasets.map((d) => [d.name, d.region, d.regionSource, d.dataClasses])).toEqual([
      ["analytics.orders_daily", "eu-central-1", "facet", ["aggregated_metrics"]],
      ["shipments.public.orders", "eu-central-1", "facet", ["business_records", "customer_pii"]],
    ]);
    expect(datasets[1]!.facets).toHaveProperty("terrane_residency.region", "eu-central-1");
    const jobRow = await p.lineageJob.findFirstOrThrow({ where: { tenantId: tenantId(), name: job.name } });
    expect(jobRow).toMatchObject({ runCount: 1, eventCount: 2 });
    expect(jobRow.facets).toHaveProperty("terrane_tenant.tenant", T);
    const run = await p.lineageRun.findUniqueOrThrow({ where: { tenantId_runId: { tenantId: tenantId(), runId } } });
    expect(run).toMatchObject({
      lastEventType: "COMPLETE",
      jobId: jobRow.id,
      inputIds: [datasets[1]!.id],
      outputIds: [datasets[0]!.id],
    });
    const edges = await p.lineageEdge.findMany({
      where: {
        tenantId: tenantId(),
        OR: [{ sourceId: jobRow.id }, { targetId: jobRow.id }, { sourceId: datasets[1]!.id }],
      },
    });
    expect(edges.map((e) => [e.kind, e.count, e.outcome, e.crossing]).sort()).toEqual([
      ["flow", 1, "in_region", null],
      ["input", 1, "not_evaluated", null],
      ["output", 1, "not_evaluated", null],
    ]);
    const flow = edges.find((e) => e.kind === "flow")!;
    expect(flow).toMatchObject({
      sourceId: datasets[1]!.id,
      targetId: datasets[0]!.id,
      dataClasses: ["aggregated_metrics", "business_records", "customer_pii"],
    });
  });

  it("counts a flow once per run, however many events the run sends, and again for the next run", async () => {
    const job = { namespace: "northwind-airflow", name: "orders.stream" };
    const runId = randomUUID();
    for (const eventType of ["START", "RUNNING", "COMPLETE"])
      expect(
        (await w.post(runEvent({ tenant: T, job, runId, eventType, inputs: [DB], outputs: [STREAM] }))).status,
      ).toBe(200);
    await w.post(runEvent({ tenant: T, job, inputs: [DB], outputs: [STREAM] }));
    const jobRow = await w.region.prisma.lineageJob.findFirstOrThrow({
      where: { tenantId: tenantId(), name: job.name },
    });
    expect(jobRow).toMatchObject({ runCount: 2, eventCount: 4 });
    const edges = await w.region.prisma.lineageEdge.findMany({
      where: { tenantId: tenantId(), OR: [{ sourceId: jobRow.id }, { targetId: jobRow.id }] },
    });
    expect(edges.map((e) => e.count)).toEqual([2, 2]);
  });

  it("takes a DatasetEvent (tenant named on the dataset) and a JobEvent (declared inputs and outputs)", async () => {
    const ds = {
      namespace: "s3://northwind-eu-documents",
      name: "customer-documents/",
      region: "eu-central-1",
      classes: ["customer_pii", "government_id"],
    };
    const res = await w.post(datasetEvent(T, ds));
    expect(res.status, await res.clone().text()).toBe(200);
    const row = await w.region.prisma.lineageDataset.findFirstOrThrow({
      where: { tenantId: tenantId(), namespace: ds.namespace },
    });
    expect(row).toMatchObject({
      region: "eu-central-1",
      regionSource: "facet",
      dataClasses: ["customer_pii", "government_id"],
      eventCount: 1,
    });

    const job = { namespace: "northwind-dbt", name: "documents.index" };
    const declared = await w.post(
      jobEvent(
        T,
        job,
        [ds],
        [
          {
            namespace: "opensearch://tracking-search.eu-central-1.internal",
            name: "documents",
            region: "eu-central-1",
            classes: ["customer_pii"],
          },
        ],
      ),
    );
    expect(declared.status).toBe(200);
    const jobRow = await w.region.prisma.lineageJob.findFirstOrThrow({
      where: { tenantId: tenantId(), name: job.name },
    });
    expect(jobRow).toMatchObject({ runCount: 0, eventCount: 1 });
    expect(
      await w.region.prisma.lineageEdge.count({
        where: {
          tenantId: tenantId(),
          OR: [{ sourceId: jobRow.id }, { targetId: jobRow.id }, { sourceId: row.id, kind: "flow" }],
        },
      }),
    ).toBe(3);
  });

  it("takes an array of every event type in one batch, with one audit entry per tenant of the batch", async () => {
    const before = await w.counts();
    const batch = [
      runEvent({ tenant: T, eventType: "START", inputs: [DB], outputs: [STREAM] }),
      datasetEvent("kestrel-eu", {
        namespace: "postgres://patients.eu-central-1.internal",
        name: "public.patients",
        region: "eu-central-1",
        classes: ["health_data"],
      }),
      jobEvent(T, { namespace: "northwind-dbt", name: "model.a" }, [STREAM], [WAREHOUSE]),
    ];
    const res = await w.post(batch);
    expect(await res.json()).toMatchObject({ received: 3, stored: 3, duplicates: 0 });
    const after = await w.counts();
    expect(after.lineage_events - before.lineage_events).toBe(3);
    const audit = await w.region.prisma.auditEntry.findMany({
      where: { action: "ingest.openlineage" },
      orderBy: { seq: "desc" },
      take: 2,
    });
    expect(audit.map((a) => a.tenantId).sort()).toEqual([w.tenantId("kestrel-eu"), w.tenantId(T)].sort());
    expect(audit.every((a) => a.actorType === "system" && a.actorId?.startsWith("ingest-token:"))).toBe(true);
  });

  it("is idempotent: the same event twice (in two requests, or twice in one) is stored and counted once", async () => {
    const event = runEvent({
      tenant: T,
      job: { namespace: "northwind-airflow", name: "idempotent" },
      inputs: [DB],
      outputs: [WAREHOUSE],
    });
    expect(await (await w.post(event)).json()).toMatchObject({ stored: 1, duplicates: 0 });
    const before = await w.counts();
    // Same event, members in another order: the canonical JSON, hence the key, is the same.
    const reordered = Object.fromEntries(Object.entries(event).reverse());
    expect(await (await w.post([reordered, event])).json()).toMatchObject({ received: 2, stored: 0, duplicates: 2 });
    const after = await w.counts();
    expect({ ...after, audit_entries: 0 }).toEqual({ ...before, audit_entries: 0 });
    expect(after.audit_entries - before.audit_entries).toBe(1);
    const job = await w.region.prisma.lineageJob.findFirstOrThrow({
      where: { tenantId: tenantId(), name: "idempotent" },
    });
    expect(job).toMatchObject({ eventCount: 1, runCount: 1 });
  });

  it("keeps the newest facets: an older event arriving late does not move a dataset back", async () => {
    const name = "late.arrivals";
    const now = Date.now();
    await w.post(
      datasetEvent(
        T,
        { namespace: "s3://northwind-eu-late", name, region: "eu-central-1", classes: ["business_records"] },
        new Date(now).toISOString(),
      ),
    );
    await w.post(
      datasetEvent(
        T,
        { namespace: "s3://northwind-eu-late", name, region: "me-central-1", classes: ["customer_pii"] },
        new Date(now - 60_000).toISOString(),
      ),
    );
    const row = await w.region.prisma.lineageDataset.findFirstOrThrow({ where: { tenantId: tenantId(), name } });
    expect(row).toMatchObject({ region: "eu-central-1", dataClasses: ["business_records"], eventCount: 2 });
  });
});
