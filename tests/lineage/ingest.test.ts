import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../helpers/databases";
import { datasetEvent, jobEvent, runEvent } from "./events";
import { useLineageWorld } from "./world";

const T = "northwind-eu";
const DB = { namespace: "postgres://shipments-db.eu-central-1.internal:5432", name: "shipments.public.orders", region: "eu-central-1", classes: ["customer_pii", "business_records"] };
const WAREHOUSE = { namespace: "clickhouse://analytics.eu-central-1.internal", name: "analytics.orders_daily", region: "eu-central-1", classes: ["aggregated_metrics"] };

describe.each(DATABASE_KINDS)("OpenLineage ingest on %s", (kind) => {
  const w = useLineageWorld(kind);

  it("takes a RunEvent START then COMPLETE of one run: datasets, job, run, edges and a derived flow", async () => {
    const runId = randomUUID();
    const job = { namespace: "northwind-airflow", name: "orders.daily_rollup" };
    const start = await w.post(runEvent({ tenant: T, job, runId, eventType: "START", inputs: [DB] }));
    expect(start.status, await start.clone().text()).toBe(200);
    expect(await start.json()).toMatchObject({ received: 1, stored: 1, duplicates: 0, datasets_created: 1 });
    const complete = await w.post(runEvent({ tenant: T, job, runId, eventType: "COMPLETE", outputs: [WAREHOUSE] }));
    expect(complete.status).toBe(200);

    const p = w.region.prisma;
    const tenantId = w.tenantId(T);
    const datasets = await p.lineageDataset.findMany({ where: { tenantId }, orderBy: { name: "asc" } });
    expect(datasets.map((d) => [d.name, d.region, d.regionSource, d.dataClasses])).toEqual([
      ["analytics.orders_daily", "eu-central-1", "facet", ["aggregated_metrics"]],
      ["shipments.public.orders", "eu-central-1", "facet", ["business_records", "customer_pii"]],
    ]);
    const jobRow = await p.lineageJob.findFirstOrThrow({ where: { tenantId, name: job.name } });
    expect(jobRow).toMatchObject({ runCount: 1, eventCount: 2 });
    const run = await p.lineageRun.findUniqueOrThrow({ where: { tenantId_runId: { tenantId, runId } } });
    expect(run.lastEventType).toBe("COMPLETE");
    const edges = await p.lineageEdge.findMany({ where: { tenantId } });
    expect(edges.map((e) => [e.kind, e.count, e.outcome]).sort()).toEqual([
      ["flow", 1, "in_region"],
      ["input", 1, "not_evaluated"],
      ["output", 1, "not_evaluated"],
    ]);
  });
});
