import { beforeAll, describe, expect, it } from "vitest";
import { GET as facetRoute } from "@/app/api/v1/openlineage/facets/[facet]/[version]/route";
import { GET as lineageRoute } from "@/app/api/v1/tenants/[tenant]/lineage/route";
import { GET as reviewsRoute } from "@/app/api/v1/region/reviews/route";
import { getTenantLineage, type TenantLineage } from "@/modules/lineage/server/graph";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { EU } from "../helpers/seeded-region";
import { runEvent } from "./events";
import { useLineageWorld } from "./world";

const NW = "northwind-eu";
const KE = "kestrel-eu";
const ds = (name: string, region = "eu-central-1", classes = ["business_records"]) => ({
  namespace: `s3://chain-${region}`,
  name,
  region,
  classes,
});
// A → j1 → B → j2 → C (C in us-east-1: a violation), and kestrel's own little graph.
const A = ds("a");
const B = ds("b");
const C = ds("c", "us-east-1", ["customer_pii"]);

describe.each(DATABASE_KINDS)("the lineage API on %s", (kind) => {
  const w = useLineageWorld(kind);
  const get = (slug: string, headers: Record<string, string>, query = "") =>
    call(lineageRoute, request(`/api/v1/tenants/${slug}/lineage${query}`, { headers }), { tenant: slug });
  const read = async (slug: string, email: string, query = ""): Promise<TenantLineage> => {
    const res = await get(slug, bearer(w.region.token(email)), query);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as TenantLineage;
  };

  beforeAll(async () => {
    for (const body of [
      runEvent({ tenant: NW, job: { namespace: "chain", name: "j1" }, inputs: [A], outputs: [B] }),
      runEvent({ tenant: NW, job: { namespace: "chain", name: "j2" }, inputs: [B], outputs: [C] }),
      runEvent({
        tenant: KE,
        job: { namespace: "kestrel", name: "imaging.index" },
        inputs: [ds("scans", "eu-central-1", ["health_data"])],
        outputs: [ds("index", "eu-central-1", ["health_data"])],
      }),
    ]) {
      const res = await w.post(body);
      if (res.status !== 200) throw new Error(await res.text());
    }
  });

  it("answers per role: members and compliance officers read; auditors, provider admins and support engineers 403; strangers 404; anonymous 401", async () => {
    for (const email of [EU.northwindAdmin, EU.northwindViewer, EU.compliance])
      expect((await get(NW, bearer(w.region.token(email)))).status, email).toBe(200);
    for (const email of [EU.northwindAuditor, EU.providerAdmin, EU.support])
      await expectProblem(await get(NW, bearer(w.region.token(email))), 403, "forbidden");
    await expectProblem(await get(NW, bearer(w.region.token(EU.kestrelAdmin))), 404, "tenant_not_found");
    await expectProblem(await get(NW, bearer("trn_not-a-token")), 401, "invalid_token");
    // Without a header the route asks next-auth for the session, which needs Next's request
    // context (the e2e suite covers it); the data call it makes refuses anonymous callers.
    const origin = { surface: "api" as const, path: `/api/v1/tenants/${NW}/lineage` };
    await expect(getTenantLineage({ type: "anonymous" }, NW, {}, origin)).rejects.toMatchObject({ status: 401 });
    // A browser session is authorized the same way.
    expect((await getTenantLineage(await w.region.session(EU.northwindViewer), NW, {}, origin)).tenant).toBe(NW);
    await expect(getTenantLineage(await w.region.session(EU.northwindAuditor), NW, {}, origin)).rejects.toMatchObject({
      status: 403,
    });
  });

  it("421 wrong_region for a tenant homed elsewhere", async () => {
    const problem = await expectProblem(
      await get("northwind-gcc", bearer(w.region.token(EU.northwindAdmin))),
      421,
      "wrong_region",
    );
    expect(problem.home_url).toBe("http://localhost:3001/api/v1/tenants/northwind-gcc/lineage");
  });

  it("the whole graph: nodes with region and classes, evaluated edges, region groups, cross-border pairs and findings", async () => {
    const g = await read(NW, EU.northwindViewer);
    expect(g.nodes.map((n) => `${n.kind}:${n.name}`).sort()).toEqual([
      "dataset:a",
      "dataset:b",
      "dataset:c",
      "job:j1",
      "job:j2",
    ]);
    const c = g.nodes.find((n) => n.name === "c")!;
    expect(c).toMatchObject({ region: "us-east-1", region_source: "facet", data_classes: ["customer_pii"] });
    expect(g.nodes.find((n) => n.name === "j2")).toMatchObject({ region: "us-east-1", region_source: "derived" });
    const flowBC = g.edges.find((e) => e.kind === "flow" && e.target === c.id)!;
    expect(flowBC.evaluation).toMatchObject({
      outcome: "violation",
      crossing: "region",
      data_classes: ["business_records", "customer_pii"],
    });
    const intoJ2 = g.edges.find((e) => e.kind === "input" && e.target === g.nodes.find((n) => n.name === "j2")!.id)!;
    expect(intoJ2.evaluation.outcome).toBe("violation");
    expect(g.regions).toEqual([
      { region: "eu-central-1", datasets: 2, jobs: 1, data_classes: ["business_records"], subprocessors: [] },
      { region: "us-east-1", datasets: 1, jobs: 1, data_classes: ["customer_pii"], subprocessors: [] },
    ]);
    expect(g.cross_border).toEqual([
      expect.objectContaining({
        from: "eu-central-1",
        to: "us-east-1",
        flows: 1,
        observations: 1,
        worst: "violation",
        outcomes: { allowed: 0, allowed_with_condition: 0, violation: 1, unknown_region: 0 },
      }),
    ]);
    // The in-region flow a → b is left out (the job edges show it); the crossing b → c is not.
    expect(g.edges.filter((e) => e.kind === "flow")).toHaveLength(1);
    expect(intoJ2.evaluation).toEqual({ outcome: "violation" });
    expect(g).toMatchObject({
      truncated: false,
      totals: { nodes: 5, edges: 6, in_region_flows: 1 },
      focus: null,
      depth: null,
      findings: { unknown_region_datasets: 0, open_alerts: { border_violation: 1, region_unknown: 0 } },
    });
    expect(g.nodes[0]).not.toHaveProperty("facets");
  });

  it("from a violation: the flow listed with its review item, class names, and what the caller may do", async () => {
    const g = await read(NW, EU.northwindViewer);
    const c = g.nodes.find((n) => n.name === "c")!;
    const flowBC = g.edges.find((e) => e.kind === "flow" && e.target === c.id)!;
    expect(g.data_classes).toContainEqual({ key: "customer_pii", name: "Customer personal data" });
    expect(g.data_classes).toContainEqual({ key: "business_records", name: "Business records" });
    // The alert the violation raised opened an item of the compliance queue: the edge and the list name it.
    const item = (flowBC.evaluation as { review_item: { id: string; state: string } | null }).review_item;
    expect(item).toMatchObject({ id: expect.any(String), state: "open" });
    expect(g.findings.violations).toEqual([
      {
        edge: flowBC.id,
        source: expect.objectContaining({ name: "b", region: "eu-central-1", subprocessor: null }),
        target: expect.objectContaining({ id: c.id, name: "c", region: "us-east-1", subprocessor: null }),
        count: 1,
        last_seen: flowBC.last_seen,
        evaluation: { ...flowBC.evaluation, review_item: item },
      },
    ]);
    // The summary (no edges) lists the same violations.
    expect((await read(NW, EU.northwindViewer, "?view=summary")).findings.violations).toEqual(g.findings.violations);
    // What each role may do from it, asked of the policy.
    expect(g.allowed_actions).toEqual(["reviews.read"]);
    expect((await read(NW, EU.northwindAdmin)).allowed_actions).toEqual(["decisions.draft", "reviews.read"]);
    expect((await read(NW, EU.compliance)).allowed_actions).toEqual([
      "decisions.draft",
      "decisions.review",
      "reviews.read",
      "region.reviews.read",
    ]);
    // The region's queue shows that one item when asked by its id (as the lineage links it).
    const queue = async (query: string) => {
      const res = await call(
        reviewsRoute,
        request(`/api/v1/region/reviews${query}`, { headers: bearer(w.region.token(EU.compliance)) }),
      );
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as { items: { id: string; kind: string; tenant: { slug: string } }[]; total: number };
    };
    const one = await queue(`?item=${item!.id}`);
    expect(one.total).toBe(1);
    expect(one.items[0]).toMatchObject({ id: item!.id, kind: "border_violation", tenant: { slug: NW } });
    expect((await queue(`?item=${crypto.randomUUID()}`)).total).toBe(0);
    // Kestrel's own graph holds no violation of northwind's.
    expect((await read(KE, EU.kestrelAdmin)).findings.violations).toEqual([]);
  });

  it("isolates tenants: neither graph holds a node of the other; another tenant's node is no focus", async () => {
    const nw = await read(NW, EU.northwindAdmin);
    const ke = await read(KE, EU.kestrelAdmin);
    expect(ke.nodes.map((n) => n.name).sort()).toEqual(["imaging.index", "index", "scans"]);
    const nwIds = new Set(nw.nodes.map((n) => n.id));
    expect(ke.nodes.some((n) => nwIds.has(n.id))).toBe(false);
    expect(ke.edges.some((e) => nwIds.has(e.source) || nwIds.has(e.target))).toBe(false);
    await expectProblem(
      await get(NW, bearer(w.region.token(EU.northwindAdmin)), `?focus=${ke.nodes[0]!.id}`),
      404,
      "lineage_node_not_found",
    );
    await expectProblem(await get(KE, bearer(w.region.token(EU.northwindAdmin))), 404, "tenant_not_found");
  });

  it("focus and depth: the neighbourhood over input and output edges, with facets", async () => {
    const all = await read(NW, EU.northwindAdmin);
    const a = all.nodes.find((n) => n.name === "a")!;
    const names = async (depth: number) =>
      (await read(NW, EU.northwindAdmin, `?focus=${a.id}&depth=${depth}`)).nodes.map((n) => n.name).sort();
    expect(await names(1)).toEqual(["a", "j1"]);
    expect(await names(2)).toEqual(["a", "b", "j1"]);
    expect(await names(4)).toEqual(["a", "b", "c", "j1", "j2"]);
    const focused = await read(NW, EU.northwindAdmin, `?focus=${a.id}`);
    expect(focused).toMatchObject({ focus: a.id, depth: 3 });
    // With a focus every flow of the neighbourhood is there, in-region ones included.
    const deep = await read(NW, EU.northwindAdmin, `?focus=${a.id}&depth=4`);
    expect(
      deep.edges
        .filter((e) => e.kind === "flow")
        .map((e) => e.evaluation.outcome)
        .sort(),
    ).toEqual(["in_region", "violation"]);
    expect(focused.nodes.find((n) => n.id === a.id)!.facets).toHaveProperty("terrane_residency.region", "eu-central-1");
  });

  it("400 invalid_query for a bad focus or depth", async () => {
    const token = bearer(w.region.token(EU.northwindAdmin));
    for (const q of [
      "?depth=2",
      "?focus=not-an-id",
      `?focus=${crypto.randomUUID()}&depth=0`,
      `?focus=${crypto.randomUUID()}&depth=11`,
      `?focus=${crypto.randomUUID()}&depth=two`,
    ]) {
      await expectProblem(await get(NW, token, q), 400, "invalid_query");
    }
  });

  it("serves the custom facets' JSON Schemas publicly; unknown ones are 404", async () => {
    const fetchSchema = (facet: string, version: string) =>
      call(facetRoute, request(`/api/v1/openlineage/facets/${facet}/${version}`), { facet, version });
    const res = await fetchSchema("terrane_residency", "1-0-0.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/schema+json");
    expect(res.headers.get("cache-control")).toMatch(/immutable/);
    const schema = (await res.json()) as {
      $id: string;
      $defs: Record<string, { allOf: [{ $ref: string }, { required: string[] }] }>;
    };
    expect(schema.$id).toBe("http://localhost:3000/api/v1/openlineage/facets/terrane_residency/1-0-0.json");
    const def = schema.$defs.TerraneResidencyDatasetFacet!;
    expect(def.allOf[0].$ref).toBe("https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetFacet");
    expect(def.allOf[1].required).toEqual(["region", "dataClasses"]);
    const tenant = (await (await fetchSchema("terrane_tenant", "1-0-0.json")).json()) as {
      $defs: Record<string, unknown>;
    };
    expect(Object.keys(tenant.$defs).sort()).toEqual(["TerraneTenantDatasetFacet", "TerraneTenantJobFacet"]);
    await expectProblem(await fetchSchema("terrane_residency", "2-0-0.json"), 404, "facet_schema_not_found");
    await expectProblem(await fetchSchema("terrane_other", "1-0-0.json"), 404, "facet_schema_not_found");
    await expectProblem(await fetchSchema("terrane_tenant", "1-0-0"), 404, "facet_schema_not_found");
  });
});
