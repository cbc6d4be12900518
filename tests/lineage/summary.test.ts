import { beforeAll, describe, expect, it } from "vitest";
import { GET as lineageRoute } from "@/app/api/v1/tenants/[tenant]/lineage/route";
import { buildDrawn, collapsedRegions, collapseAll, type DrawnEdge } from "@/modules/lineage/ui/build-flow";
import { getTenantLineage, type TenantLineage } from "@/modules/lineage/server/graph";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { EU } from "../helpers/seeded-region";
import { runEvent, type DatasetSpec } from "./events";
import { useLineageWorld } from "./world";

/**
 * The summary form of the lineage API (`view=summary`): aggregated by the database, it must say
 * exactly what the full graph says about regions, cross-border pairs, totals and findings, and
 * draw the same collapsed picture, for the same registers.
 */

const NW = "northwind-eu";
const KE = "kestrel-eu";
const at = (region: string, name: string, classes: string[], extra: Record<string, unknown> = {}): DatasetSpec => ({
  namespace: `s3://summary-${region}`,
  name,
  region,
  classes,
  extra,
});
const nowhere = (name: string): DatasetSpec => ({ namespace: "mystery://nowhere", name });

const A = at("eu-central-1", "a", ["business_records"]);
const B = at("eu-central-1", "b", ["business_records", "customer_pii"]);
const US = at("us-east-1", "us-copy", ["customer_pii"]);
const US2 = at("us-east-1", "us-copy-2", ["business_records"]);
const AF = at("af-south-1", "af-copy", ["business_records"]);
const GCC = at("me-central-1", "gcc-models", ["pseudonymised_analytics"], { form: "pseudonymised" });
const EMB = at("eu-central-1", "embeddings", ["pseudonymised_analytics"]);
const KPIS = at("eu-central-1", "kpis", ["aggregated_metrics"]);
const SNOW = at("us-east-1", "BOARD.KPIS", ["aggregated_metrics"], {
  subprocessor: "Snowflake Analytics (us-east-1)",
  form: "aggregate",
});
const SUB_EU = at("eu-central-1", "crm", ["customer_pii"], { subprocessor: "Acme CRM (eu-central-1)" });
const U1 = nowhere("u1");
const U2 = nowhere("u2");

const job = (name: string, inputs: DatasetSpec[], outputs: DatasetSpec[]) =>
  runEvent({ tenant: NW, job: { namespace: "summary", name }, inputs, outputs });

describe.each(DATABASE_KINDS)("the lineage summary on %s", (kind) => {
  const w = useLineageWorld(kind, { decisions: true });
  const get = (slug: string, email: string, query = "") =>
    call(lineageRoute, request(`/api/v1/tenants/${slug}/lineage${query}`, { headers: bearer(w.region.token(email)) }), {
      tenant: slug,
    });
  const read = async (query: string): Promise<TenantLineage> => {
    const res = await get(NW, EU.northwindAdmin, query);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as TenantLineage;
  };

  beforeAll(async () => {
    for (const body of [
      job("in-region", [A], [B]),
      // eu → us (customer_pii: denied), eu → af (no decision in force): violations.
      job("to-us", [B], [US]),
      job("to-af", [B], [AF]),
      // eu → me (pseudonymised, allowed with a condition), twice: observations add up.
      job("to-gcc", [EMB], [GCC]),
      job("to-gcc", [EMB], [GCC]),
      // Into a subprocessor: abroad (allowed with a condition) and within eu-central-1 (a pair from a region to itself).
      job("to-snowflake", [KPIS], [SNOW]),
      job("to-crm", [B], [SUB_EU]),
      // A job writing to two regions, one dataset each: a tie, broken by region id (af-south-1).
      job("fan-out", [A], [US2, AF]),
      // Unknown regions: into, out of, and between.
      job("to-nowhere", [A], [U1]),
      job("from-nowhere", [U1], [B]),
      job("nowhere-only", [U1], [U2]),
      // Another tenant's graph must not count.
      runEvent({
        tenant: KE,
        job: { namespace: "kestrel", name: "scan" },
        inputs: [at("eu-central-1", "scans", ["health_data"])],
        outputs: [at("us-east-1", "scans-us", ["health_data"])],
      }),
    ]) {
      const res = await w.post(body);
      if (res.status !== 200) throw new Error(await res.text());
    }
  });

  it("says what the full graph says: regions, cross-border pairs, totals, findings; no nodes or edges", async () => {
    const full = await read("");
    const summary = await read("?view=summary");
    expect(full.view).toBe("full");
    expect(await read("?view=full")).toMatchObject({ view: "full", totals: full.totals });
    expect(summary).toMatchObject({
      view: "summary",
      tenant: NW,
      nodes: [],
      edges: [],
      focus: null,
      depth: null,
      limits: full.limits,
    });
    expect(summary.regions).toEqual(full.regions);
    expect(summary.cross_border).toEqual(full.cross_border);
    expect(summary.totals).toEqual(full.totals);
    expect(summary.findings).toEqual(full.findings);
    expect(summary.truncated).toBe(full.truncated);

    // The data covers what the summary must get right, so the equality above means something.
    expect(full.totals.nodes).toBe(12 + 10);
    const jobRegion = (name: string) => full.nodes.find((n) => n.kind === "job" && n.name === name)?.region;
    expect(jobRegion("fan-out")).toBe("af-south-1");
    expect(jobRegion("to-nowhere")).toBe("eu-central-1");
    expect(jobRegion("nowhere-only")).toBeNull();
    const worstOf = (from: string | null, to: string | null) =>
      full.cross_border.find((p) => p.from === from && p.to === to)?.worst;
    expect(worstOf("eu-central-1", "us-east-1")).toBe("violation");
    expect(worstOf("eu-central-1", "me-central-1")).toBe("allowed_with_condition");
    expect(worstOf("eu-central-1", "eu-central-1")).toBeDefined();
    expect(worstOf(null, null)).toBe("unknown_region");
    expect(full.cross_border.find((p) => p.to === "me-central-1")).toMatchObject({ flows: 1, observations: 2 });
    expect(full.regions.map((g) => g.region)).toContain(null);
    expect(full.findings.unknown_region_datasets).toBe(2);
  });

  it("draws the same collapsed picture: one edge per region pair, with its flow count and worst outcome", async () => {
    const full = await read("");
    const summary = await read("?view=summary");
    const shape = (edges: DrawnEdge[]) =>
      edges
        .map(({ id, source, target, count, outcome, crossBorder }) => ({
          id,
          source,
          target,
          count,
          outcome,
          crossBorder,
        }))
        .sort((a, b) => a.id.localeCompare(b.id));
    const everyRegion = collapsedRegions(collapseAll(true), full);
    const fromFull = buildDrawn(full, everyRegion);
    const fromSummary = buildDrawn(summary, new Set());
    expect(shape(fromSummary.edges)).toEqual(shape(fromFull.edges));
    expect(fromSummary.edges.length).toBeGreaterThan(2);
    expect(fromSummary.nodes).toEqual(fromFull.nodes);
    expect(fromSummary.nodes.every((n) => n.type === "region" && n.collapsed)).toBe(true);
  });

  it("is a tenant's own: kestrel's summary counts only kestrel's graph", async () => {
    const res = await get(KE, EU.kestrelAdmin, "?view=summary");
    expect(res.status).toBe(200);
    const ke = (await res.json()) as TenantLineage;
    expect(ke.totals).toEqual({ nodes: 3, edges: 3, in_region_flows: 0 });
    expect(ke.cross_border).toEqual([expect.objectContaining({ from: "eu-central-1", to: "us-east-1", flows: 1 })]);
  });

  it("answers per role and region as the full graph does", async () => {
    for (const email of [EU.northwindAdmin, EU.northwindViewer, EU.compliance])
      expect((await get(NW, email, "?view=summary")).status, email).toBe(200);
    for (const email of [EU.northwindAuditor, EU.providerAdmin, EU.support])
      await expectProblem(await get(NW, email, "?view=summary"), 403, "forbidden");
    await expectProblem(await get(NW, EU.kestrelAdmin, "?view=summary"), 404, "tenant_not_found");
    await expectProblem(await get("northwind-gcc", EU.northwindAdmin, "?view=summary"), 421, "wrong_region");
    const origin = { surface: "api" as const, path: `/api/v1/tenants/${NW}/lineage` };
    await expect(getTenantLineage({ type: "anonymous" }, NW, { view: "summary" }, origin)).rejects.toMatchObject({
      status: 401,
    });
  });

  it("400 invalid_query for a bad view, and for a summary with a focus", async () => {
    const focus = crypto.randomUUID();
    for (const q of [
      "?view=bogus",
      "?view=",
      "?view=SUMMARY",
      `?view=summary&focus=${focus}`,
      `?view=summary&focus=${focus}&depth=2`,
    ]) {
      const problem = await expectProblem(await get(NW, EU.northwindAdmin, q), 400, "invalid_query");
      expect(JSON.stringify(problem), q).toMatch(/view/);
    }
    expect(
      JSON.stringify(
        await expectProblem(await get(NW, EU.northwindAdmin, `?view=summary&focus=${focus}`), 400, "invalid_query"),
      ),
    ).toMatch(/no nodes to focus on/);
    // The data layer refuses it too, whoever calls it.
    const origin = { surface: "api" as const, path: `/api/v1/tenants/${NW}/lineage` };
    await expect(
      getTenantLineage(await w.region.session(EU.northwindAdmin), NW, { view: "summary", focus }, origin),
    ).rejects.toMatchObject({ status: 400 });
  });
});
