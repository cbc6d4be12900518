import { afterEach, describe, expect, it } from "vitest";
import { setFlowEvaluatorForTests } from "@/modules/lineage/server/decisions";
import { reevaluateTenantEdges } from "@/modules/lineage/server/evaluate";
import { resetEnvCache } from "@/platform/env";
import { DATABASE_KINDS } from "../helpers/databases";
import { expectProblem } from "../helpers/http";
import { datasetEvent, runEvent } from "./events";
import { useLineageWorld } from "./world";

const T = "northwind-eu";
const SHIPMENTS = {
  namespace: "postgres://shipments-db.eu-central-1.internal:5432",
  name: "shipments.public.shipments",
  region: "eu-central-1",
  classes: ["customer_pii", "business_records"],
};
const DR = {
  namespace: "s3://northwind-dr-us-east-1",
  name: "snapshots/shipments",
  region: "us-east-1",
  classes: ["customer_pii", "business_records"],
};
const EMBEDDINGS = {
  namespace: "postgres://route-embeddings.eu-central-1.internal",
  name: "public.route_vectors",
  region: "eu-central-1",
  classes: ["pseudonymised_analytics"],
};
const GCC_MODELS = {
  namespace: "s3://northwind-gcc-models",
  name: "route-models/",
  region: "me-central-1",
  classes: ["pseudonymised_analytics"],
  extra: { form: "pseudonymised" },
};
const KPIS = {
  namespace: "clickhouse://analytics.eu-central-1.internal",
  name: "kpi.fleet_daily",
  region: "eu-central-1",
  classes: ["aggregated_metrics"],
};
const SNOWFLAKE = {
  namespace: "snowflake://northwind.us-east-1",
  name: "BOARD.KPIS",
  region: "us-east-1",
  classes: ["aggregated_metrics"],
  extra: { subprocessor: "Snowflake Analytics (us-east-1)", form: "aggregate" },
};

describe.each(DATABASE_KINDS)("lineage flows against the sharing decisions on %s", (kind) => {
  const w = useLineageWorld(kind, { decisions: true });
  const p = () => w.region.prisma;
  const tenantId = () => w.tenantId(T);

  async function flowBetween(from: { name: string }, to: { name: string }) {
    const [s, t] = await Promise.all(
      [from, to].map((d) => p().lineageDataset.findFirstOrThrow({ where: { tenantId: tenantId(), name: d.name } })),
    );
    return p().lineageEdge.findFirstOrThrow({
      where: { tenantId: tenantId(), kind: "flow", sourceId: s!.id, targetId: t!.id },
    });
  }
  const openAlerts = (subject: string) =>
    p().lineageAlert.findMany({ where: { tenantId: tenantId(), subject, status: "open" } });

  it("a new border-crossing flow an explicit deny refuses: violation on the edge, one alert with its audit entry", async () => {
    const res = await w.post(
      runEvent({
        tenant: T,
        job: { namespace: "northwind-ops", name: "dr.replicate" },
        inputs: [SHIPMENTS],
        outputs: [DR],
      }),
    );
    expect(await res.json()).toMatchObject({ alerts_raised: 1 });
    const edge = await flowBetween(SHIPMENTS, DR);
    expect(edge).toMatchObject({
      crossing: "region",
      outcome: "violation",
      dataClasses: ["business_records", "customer_pii"],
    });
    expect(edge.reason).toMatch(/customer_pii/);
    const [alert] = await openAlerts(`edge:${edge.id}`);
    expect(alert).toMatchObject({
      kind: "border_violation",
      fromRegion: "eu-central-1",
      toKind: "region",
      toId: "us-east-1",
      toRegion: "us-east-1",
      status: "open",
    });
    const audit = await p().auditEntry.findFirstOrThrow({
      where: { action: "lineage.alert_raised", subject: `lineage_alert:${alert!.id}` },
    });
    expect(audit).toMatchObject({ tenantId: tenantId(), outcome: "success", actorType: "system" });

    // Seen again in another run: counted, still a violation, no second alert.
    expect(
      await (
        await w.post(
          runEvent({
            tenant: T,
            job: { namespace: "northwind-ops", name: "dr.replicate" },
            inputs: [SHIPMENTS],
            outputs: [DR],
          }),
        )
      ).json(),
    ).toMatchObject({ alerts_raised: 0 });
    expect((await flowBetween(SHIPMENTS, DR)).count).toBe(2);
    expect(await p().lineageAlert.count({ where: { subject: `edge:${edge.id}` } })).toBe(1);
  });

  it("pseudonymised analytics to the GCC region: allowed with condition by the decision in force, with the decision kept", async () => {
    expect(
      await (
        await w.post(
          runEvent({
            tenant: T,
            job: { namespace: "northwind-ml", name: "routes.export" },
            inputs: [EMBEDDINGS],
            outputs: [GCC_MODELS],
          }),
        )
      ).json(),
    ).toMatchObject({ alerts_raised: 0 });
    const edge = await flowBetween(EMBEDDINGS, GCC_MODELS);
    expect(edge).toMatchObject({ crossing: "region", outcome: "allowed_with_condition", form: "pseudonymised" });
    expect(edge.decisions).toEqual([
      expect.objectContaining({
        dataClass: "pseudonymised_analytics",
        outcome: "allow_pseudonymised",
        legalBasis: "sccs",
      }),
    ]);
  });

  it("aggregates to a subprocessor: a subprocessor crossing, allowed with condition (aggregates only)", async () => {
    await w.post(
      runEvent({
        tenant: T,
        job: { namespace: "northwind-bi", name: "kpi.publish" },
        inputs: [KPIS],
        outputs: [SNOWFLAKE],
      }),
    );
    expect(await flowBetween(KPIS, SNOWFLAKE)).toMatchObject({
      crossing: "subprocessor",
      outcome: "allowed_with_condition",
    });
  });

  it("a crossing that names no data class is a violation (default deny), and in-region flows need no decision", async () => {
    const bare = { namespace: "s3://northwind-eu-tmp", name: "scratch/a", region: "eu-central-1" };
    const away = { namespace: "s3://northwind-za-tmp", name: "scratch/b", region: "af-south-1" };
    const local = { namespace: "s3://northwind-eu-tmp2", name: "scratch/c", region: "eu-central-1" };
    await w.post(
      runEvent({ tenant: T, job: { namespace: "n", name: "tmp.copy" }, inputs: [bare], outputs: [away, local] }),
    );
    expect(await flowBetween(bare, away)).toMatchObject({ outcome: "violation", dataClasses: [] });
    expect((await flowBetween(bare, away)).reason).toMatch(/default deny/);
    expect(await flowBetween(bare, local)).toMatchObject({ outcome: "in_region", crossing: null });
  });

  it("re-evaluation when decisions change: an allowed flow resolves its alert, a lapsed one raises a new one", async () => {
    const edge = await flowBetween(SHIPMENTS, DR);
    setFlowEvaluatorForTests(async () => ({
      outcome: "allowed",
      decisions: [{ decisionId: "d-test" }],
      reason: "allowed by a test decision",
    }));
    const allowed = await reevaluateTenantEdges(tenantId());
    expect(allowed).toMatchObject({ alerts_resolved: 1 });
    expect(allowed.changed).toBeGreaterThanOrEqual(1);
    expect(await flowBetween(SHIPMENTS, DR)).toMatchObject({
      outcome: "allowed",
      reason: "allowed by a test decision",
    });
    expect(await openAlerts(`edge:${edge.id}`)).toEqual([]);
    expect(await p().auditEntry.count({ where: { action: "lineage.alert_resolved", tenantId: tenantId() } })).toBe(1);

    setFlowEvaluatorForTests(null);
    const lapsed = await reevaluateTenantEdges(tenantId());
    expect(lapsed.alerts_raised).toBeGreaterThanOrEqual(1);
    expect(await openAlerts(`edge:${edge.id}`)).toHaveLength(1);
    expect(await p().lineageAlert.count({ where: { subject: `edge:${edge.id}` } })).toBe(2);
    expect(await p().auditEntry.count({ where: { action: "lineage.reevaluated", tenantId: tenantId() } })).toBe(2);
  });
});

describe.each(DATABASE_KINDS)("placing datasets without a residency facet on %s", (kind) => {
  const w = useLineageWorld(kind);
  const rules = [
    { match: "s3://northwind-eu-*", region: "eu-central-1" },
    { match: "postgres://*.me-central-1.*", region: "me-central-1" },
    { match: "bigquery://vendor-*", region: "us-east-1", subprocessor: "Example Analytics Inc." },
  ];
  const useRules = (json: string | undefined) => {
    if (json === undefined) delete process.env.LINEAGE_NAMESPACE_RULES_JSON;
    else process.env.LINEAGE_NAMESPACE_RULES_JSON = json;
    resetEnvCache();
  };
  afterEach(() => useRules(undefined));
  const dataset = (namespace: string) =>
    w.region.prisma.lineageDataset.findFirstOrThrow({ where: { tenantId: w.tenantId(T), namespace } });

  it("places by the first matching namespace glob; no match is 'region unknown', a finding with its alert", async () => {
    useRules(JSON.stringify(rules));
    const src = { namespace: "s3://northwind-eu-archive", name: "orders/" };
    const gcc = { namespace: "postgres://replica.me-central-1.internal:5432", name: "public.orders" };
    const vendor = { namespace: "bigquery://vendor-analytics", name: "ds.orders" };
    const legacy = { namespace: "ftp://legacy-host.example", name: "exports/orders.csv" };
    const res = await w.post(
      runEvent({
        tenant: T,
        job: { namespace: "n", name: "archive.fanout" },
        inputs: [src],
        outputs: [gcc, vendor, legacy],
      }),
    );
    expect(await res.json()).toMatchObject({ alerts_raised: 3 }); // two crossings name no class; one dataset is unplaced
    expect(await dataset(src.namespace)).toMatchObject({
      region: "eu-central-1",
      regionSource: "rule",
      subprocessor: null,
    });
    expect(await dataset(gcc.namespace)).toMatchObject({ region: "me-central-1", regionSource: "rule" });
    expect(await dataset(vendor.namespace)).toMatchObject({
      region: "us-east-1",
      regionSource: "rule",
      subprocessor: "Example Analytics Inc.",
    });
    const unknown = await dataset(legacy.namespace);
    expect(unknown).toMatchObject({ region: null, regionSource: "unknown" });
    const [alert] = await w.region.prisma.lineageAlert.findMany({ where: { subject: `dataset:${unknown.id}` } });
    expect(alert).toMatchObject({ kind: "region_unknown", status: "open", datasetId: unknown.id });
    const flow = await w.region.prisma.lineageEdge.findFirstOrThrow({ where: { kind: "flow", targetId: unknown.id } });
    expect(flow).toMatchObject({ outcome: "unknown_region", crossing: null });

    // A residency facet places it after all: the finding resolves, with an audit entry.
    await w.post(datasetEvent(T, { ...legacy, region: "eu-central-1", classes: ["business_records"] }));
    expect(await dataset(legacy.namespace)).toMatchObject({ region: "eu-central-1", regionSource: "facet" });
    expect(await w.region.prisma.lineageAlert.findUniqueOrThrow({ where: { id: alert!.id } })).toMatchObject({
      status: "resolved",
    });
    expect(
      await w.region.prisma.auditEntry.count({
        where: { action: "lineage.alert_resolved", subject: `lineage_alert:${alert!.id}` },
      }),
    ).toBe(1);
  });

  it("invalid rules refuse ingest with 503 and store nothing", async () => {
    useRules(JSON.stringify([{ match: "s3://*", region: "xx-nowhere-1" }]));
    const before = await w.counts();
    await expectProblem(
      await w.post(runEvent({ tenant: T, inputs: [{ namespace: "s3://a", name: "b" }] })),
      503,
      "lineage_rules_invalid",
    );
    expect(await w.counts()).toEqual(before);
  });
});
