import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as ingestRoute } from "@/app/api/v1/ingest/openlineage/route";
import { POST as keyUsageRoute } from "@/app/api/v1/ingest/key-usage/route";
import { globToRegExp } from "@/modules/lineage/domain/namespace-rules";
import { resetEnvCache } from "@/platform/env";
import { seedIngestToken } from "@/prisma/seed/seed-keys";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { tenantFacet } from "./events";
import { airflowTaskRun, dbtModelRun, sparkJobRun, type StockRun } from "./stock-events";
import { useLineageWorld } from "./world";

const T = "northwind-eu";
type Json = Record<string, unknown>;

/** Where the region's datasets are: placement rules, as a provider would write them. */
const PLACEMENT = [
  { match: "postgres://postgres:5432", region: "eu-central-1" },
  { match: "s3://northwind-eu-*", region: "eu-central-1" },
  { match: "bigquery", region: "us-east-1", subprocessor: "Example Analytics Inc." },
];

const useRules = (rules: unknown[] | undefined) => {
  if (rules === undefined) delete process.env.LINEAGE_NAMESPACE_RULES_JSON;
  else process.env.LINEAGE_NAMESPACE_RULES_JSON = JSON.stringify(rules);
  resetEnvCache();
};

const withJobFacets = (event: Json, facets: Json): Json => {
  const job = event.job as { facets?: Json };
  return { ...event, job: { ...job, facets: { ...(job.facets ?? {}), ...facets } } };
};

describe.each(DATABASE_KINDS)("stock OpenLineage producers (dbt-ol, Airflow, Spark) on %s", (kind) => {
  const w = useLineageWorld(kind);
  let bound = "";
  beforeAll(async () => {
    bound = await seedIngestToken(w.region.prisma, "eu-central-1", w.tenantId(T));
  });
  afterEach(() => useRules(undefined));

  /** One request per event, as the OpenLineage HTTP transport sends them. */
  const send = (token: string, body: unknown) =>
    call(
      ingestRoute,
      request("/api/v1/ingest/openlineage", {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer(token) },
        body: JSON.stringify(body),
      }),
    );

  async function refused(send: () => Promise<Response>, status: number, code: string) {
    const before = await w.counts();
    const problem = await expectProblem(await send(), status, code);
    expect(await w.counts()).toEqual(before);
    return problem;
  }

  /** The run's events are stored as `tenant`'s, its job and datasets are that tenant's registers. */
  async function expectAttributed(run: StockRun, tenant: string) {
    const tenantId = w.tenantId(tenant);
    const runId = (run.events[0] as { run: { runId: string } }).run.runId;
    const events = await w.region.prisma.lineageEvent.findMany({ where: { runId }, select: { tenantId: true } });
    expect(events).toEqual(run.events.map(() => ({ tenantId })));
    const job = await w.region.prisma.lineageJob.findFirst({
      where: { namespace: run.jobNamespace, name: run.jobName },
      select: { tenantId: true, eventCount: true, runCount: true },
    });
    expect(job).toMatchObject({ tenantId, runCount: 1 });
    for (const d of [...run.inputs, ...run.outputs]) {
      const rows = await w.region.prisma.lineageDataset.findMany({
        where: { namespace: d.namespace, name: d.name },
        select: { tenantId: true },
      });
      expect(rows, `${d.namespace} ${d.name}`).toEqual([{ tenantId }]);
    }
  }

  it("dbt-ol, Airflow and Spark events as sent, with a token bound to the tenant: accepted, attributed, placed by the namespace rules", async () => {
    useRules(PLACEMENT);
    const audits = () => w.region.prisma.auditEntry.count({ where: { action: "ingest.openlineage" } });
    const auditsBefore = await audits();
    const runs = [dbtModelRun(), airflowTaskRun(), sparkJobRun()];
    for (const run of runs) {
      for (const event of run.events) {
        const res = await send(bound, event);
        const text = await res.text();
        expect(res.status, text).toBe(200);
        expect(JSON.parse(text)).toMatchObject({ received: 1, stored: 1, duplicates: 0 });
      }
      await expectAttributed(run, T);
    }
    // No residency facet: each dataset is where the rules put it (datasets keep no data class).
    const placed = await w.region.prisma.lineageDataset.findMany({
      where: { tenantId: w.tenantId(T) },
      select: { namespace: true, region: true, regionSource: true, subprocessor: true, dataClasses: true },
    });
    expect(placed).toHaveLength(7);
    for (const d of placed) {
      const rule = PLACEMENT.find((r) => globToRegExp(r.match).test(d.namespace))!;
      expect(d).toEqual({
        namespace: d.namespace,
        region: rule.region,
        regionSource: "rule",
        subprocessor: rule.subprocessor ?? null,
        dataClasses: [],
      });
    }
    // The run's flows exist once START (inputs) and COMPLETE (outputs) have both been seen.
    expect(await w.region.prisma.lineageEdge.count({ where: { tenantId: w.tenantId(T), kind: "flow" } })).toBe(4);
    // One audit entry per request, saying the token named the tenant.
    expect((await audits()) - auditsBefore).toBe(6);
    const last = await w.region.prisma.auditEntry.findFirstOrThrow({
      where: { action: "ingest.openlineage" },
      orderBy: { seq: "desc" },
      select: { tenantId: true, details: true },
    });
    expect(last).toMatchObject({
      tenantId: w.tenantId(T),
      details: { events: 1, stored: 1, attributed_by: { facet: 0, token: 1, rule: 0 } },
    });
  });

  it("a terrane_tenant facet naming another tenant than the token's: 400 token_tenant_mismatch, nothing stored; the same tenant is accepted", async () => {
    useRules(PLACEMENT);
    const run = dbtModelRun("northwind-dbt-facets");
    const other = withJobFacets(run.events[0]!, { terrane_tenant: tenantFacet("kestrel-eu") });
    const problem = await refused(() => send(bound, other), 400, "token_tenant_mismatch");
    expect(problem).toMatchObject({ index: 0, path: "$.job.facets.terrane_tenant.tenant" });
    expect(problem.detail).toBe(
      "Event 0 ($.job.facets.terrane_tenant.tenant): names kestrel-eu, but this ingest token is bound to northwind-eu: a bound token reports for its own tenant only",
    );
    // In a batch, one such event refuses all of it.
    const batch = [run.events[0], withJobFacets(run.events[1]!, { terrane_tenant: tenantFacet("kestrel-eu") })];
    expect((await refused(() => send(bound, batch), 400, "token_tenant_mismatch")).path).toBe(
      "$[1].job.facets.terrane_tenant.tenant",
    );
    // A dataset naming another tenant is refused as before, saying where the event's tenant came from.
    const ds = structuredClone(run.events[0]!) as { inputs: { facets: Json }[] };
    ds.inputs[0]!.facets.terrane_tenant = tenantFacet("kestrel-eu");
    const mismatch = await refused(() => send(bound, ds), 400, "tenant_mismatch");
    expect(mismatch.detail).toMatch(/the tenant its ingest token is bound to/);

    const same = run.events.map((e) => withJobFacets(e, { terrane_tenant: tenantFacet(T) }));
    const res = await send(bound, same);
    expect(res.status, await res.clone().text()).toBe(200);
    await expectAttributed({ ...run, events: same }, T);
  });

  it("an unbound token and no facet, no rule: 400 missing_tenant_facet naming the three ways, nothing stored", async () => {
    useRules(PLACEMENT);
    for (const run of [
      dbtModelRun("northwind-dbt-unbound"),
      airflowTaskRun("northwind-airflow-unbound"),
      sparkJobRun(),
    ]) {
      const problem = await refused(() => send(w.ingestToken(), run.events[0]), 400, "missing_tenant_facet");
      expect(problem).toMatchObject({ index: 0, path: "$.job.facets.terrane_tenant" });
      expect(problem.detail).toMatch(/^Event 0 \(\$\.job\.facets\.terrane_tenant\): is missing/);
      expect(problem.detail).toMatch(/a terrane_tenant facet/);
      expect(problem.detail).toMatch(/an ingest token bound to the tenant \(POST \/api\/v1\/region\/ingest-tokens/);
      expect(problem.detail).toMatch(/a namespace rule naming the tenant for the job's namespace/);
    }
  });

  it("a job-namespace rule naming a tenant attributes an unbound token's events; unknown or elsewhere-homed tenants are refused", async () => {
    useRules([
      ...PLACEMENT,
      { match: "northwind-airflow-*", tenant: T },
      { match: "ghost-*", tenant: "no-such-tenant" },
      { match: "gulf-*", tenant: "northwind-gcc" },
    ]);
    const airflow = airflowTaskRun("northwind-airflow-prod");
    for (const event of airflow.events) {
      const res = await send(w.ingestToken(), event);
      expect(res.status, await res.clone().text()).toBe(200);
    }
    await expectAttributed(airflow, T);
    const audit = await w.region.prisma.auditEntry.findFirstOrThrow({
      where: { action: "ingest.openlineage" },
      orderBy: { seq: "desc" },
      select: { details: true },
    });
    expect(audit.details).toMatchObject({ attributed_by: { facet: 0, token: 0, rule: 1 } });

    // Only the job's namespace is matched: dbt's job namespace has no rule.
    await refused(
      () => send(w.ingestToken(), dbtModelRun("northwind-dbt-norule").events[0]),
      400,
      "missing_tenant_facet",
    );

    const ghost = await refused(
      () => send(w.ingestToken(), sparkJobRun("ghost-spark").events[0]),
      400,
      "unknown_tenant",
    );
    expect(ghost).toMatchObject({ index: 0, path: "$.job.namespace" });
    expect(ghost.detail).toBe(
      'Event 0 ($.job.namespace): no tenant "no-such-tenant" (named by namespace rule [4] for the job\'s namespace) is known here.',
    );
    const gulf = await refused(() => send(w.ingestToken(), sparkJobRun("gulf-spark").events[0]), 400, "wrong_region");
    expect(gulf).toMatchObject({ path: "$.job.namespace", home_region: "me-central-1" });

    // A facet names the tenant explicitly and wins over a rule; a bound token wins over a rule too.
    const explicit = airflowTaskRun("northwind-airflow-kestrel");
    for (const event of explicit.events) {
      const res = await send(w.ingestToken(), withJobFacets(event, { terrane_tenant: tenantFacet("kestrel-eu") }));
      expect(res.status, await res.clone().text()).toBe(200);
    }
    const kestrelJob = await w.region.prisma.lineageJob.findFirstOrThrow({
      where: { namespace: "northwind-airflow-kestrel" },
      select: { tenantId: true },
    });
    expect(kestrelJob.tenantId).toBe(w.tenantId("kestrel-eu"));
    const viaToken = sparkJobRun("ghost-bound");
    for (const event of viaToken.events) expect((await send(bound, event)).status).toBe(200);
    await expectAttributed(viaToken, T);
  });

  it("a bound token is for OpenLineage only: the provider's other ingest endpoints refuse it (401)", async () => {
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000).toISOString();
    const before = await w.region.prisma.keyUsageHourly.count();
    await expectProblem(
      await call(
        keyUsageRoute,
        request("/api/v1/ingest/key-usage", {
          method: "POST",
          headers: { "content-type": "application/json", ...bearer(bound) },
          body: JSON.stringify({ tenant: T, hour, operation: "decrypt", service: "x", count: 1, failures: 0 }),
        }),
      ),
      401,
      "invalid_token",
    );
    expect(await w.region.prisma.keyUsageHourly.count()).toBe(before);
  });
});
