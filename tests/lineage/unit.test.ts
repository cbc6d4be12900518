import { describe, expect, it } from "vitest";
import { classifyFlow } from "@/modules/lineage/domain/evaluation";
import { buildGraph, iso, type EdgeRow, type NodeRow } from "@/modules/lineage/domain/graph";
import {
  compileNamespaceRules,
  globToRegExp,
  placeByRules,
  tenantByRules,
} from "@/modules/lineage/domain/namespace-rules";
import { entityKey, observe } from "@/modules/lineage/domain/observations";
import { eventKey, parseEvent } from "@/modules/lineage/domain/parse-batch";
import { deriveEdges, mergeDataset } from "@/modules/lineage/domain/rollup";
import { datasetEvent, jobEvent, runEvent } from "./events";

const known = (id: string) => ["eu-central-1", "me-central-1", "us-east-1"].includes(id);

describe("namespace rules", () => {
  it("globs match the whole namespace; * is any run, ? one character, the rest literal", () => {
    expect(globToRegExp("s3://northwind-eu-*").test("s3://northwind-eu-archive")).toBe(true);
    expect(globToRegExp("s3://northwind-eu-*").test("xs3://northwind-eu-archive")).toBe(false);
    expect(globToRegExp("postgres://*.me-central-1.*").test("postgres://db.me-central-1.internal:5432")).toBe(true);
    expect(globToRegExp("postgres://*.me-central-1.*").test("postgres://db.me-centralx1.internal")).toBe(false);
    expect(globToRegExp("kafka://broker-?").test("kafka://broker-7")).toBe(true);
    expect(globToRegExp("a+b(c)").test("a+b(c)")).toBe(true);
  });

  it("the first matching rule places; none is unknown", () => {
    const rules = compileNamespaceRules(
      [
        { match: "s3://*-eu-*", region: "eu-central-1" },
        { match: "s3://*", region: "us-east-1", subprocessor: "Vendor" },
      ],
      known,
    );
    expect(placeByRules("s3://nw-eu-docs", rules)).toEqual({
      region: "eu-central-1",
      source: "rule",
      subprocessor: null,
    });
    expect(placeByRules("s3://other", rules)).toEqual({ region: "us-east-1", source: "rule", subprocessor: "Vendor" });
    expect(placeByRules("gs://other", rules)).toEqual({ region: null, source: "unknown", subprocessor: null });
  });

  it("refuses malformed rules and regions the registry does not know, saying where", () => {
    expect(() => compileNamespaceRules({ match: "x" }, known)).toThrow(/Invalid lineage namespace rules/);
    expect(() => compileNamespaceRules([{ match: "", region: "eu-central-1" }], known)).toThrow(/\[0\]\.\[match\]/);
    expect(() => compileNamespaceRules([{ match: "x", region: "eu-central-1", colour: "red" }], known)).toThrow(
      /Invalid/,
    );
    expect(() => compileNamespaceRules([{ match: "x", region: "ap-south-9" }], known)).toThrow(
      /\[0\]\.region: ap-south-9 is not in the region registry/,
    );
  });

  it("tenant rules attribute by the job's namespace and never place a dataset; a rule is one kind or the other", () => {
    const rules = compileNamespaceRules(
      [
        { match: "northwind-*", region: "eu-central-1" },
        { match: "northwind-airflow*", tenant: "northwind-eu" },
        { match: "*", tenant: "kestrel-eu" },
      ],
      known,
    );
    expect(tenantByRules("northwind-airflow-prod", rules)).toEqual({ tenant: "northwind-eu", rule: 1 });
    expect(tenantByRules("spark", rules)).toEqual({ tenant: "kestrel-eu", rule: 2 });
    expect(tenantByRules("anything", compileNamespaceRules([{ match: "s3://*", region: "us-east-1" }], known))).toBe(
      null,
    );
    // Placement skips tenant rules, even one matching everything.
    expect(placeByRules("northwind-airflow-prod", rules)).toEqual({
      region: "eu-central-1",
      source: "rule",
      subprocessor: null,
    });
    expect(placeByRules("gs://x", rules)).toEqual({ region: null, source: "unknown", subprocessor: null });
    expect(() => compileNamespaceRules([{ match: "x" }], known)).toThrow(/\[0\]: a rule names either a region/);
    expect(() => compileNamespaceRules([{ match: "x", region: "eu-central-1", tenant: "a" }], known)).toThrow(
      /\[0\]: a rule names either a region/,
    );
    expect(() => compileNamespaceRules([{ match: "x", tenant: "a", subprocessor: "S" }], known)).toThrow(
      /\[0\]\.\[subprocessor\]: a tenant rule places no dataset/,
    );
    expect(() => compileNamespaceRules([{ match: "x", tenant: "Not A Slug" }], known)).toThrow(/\[0\]\.\[tenant\]/);
  });

  it("attribution: a facet, else the bound token, else a job-namespace rule; a facet against a bound token is refused", () => {
    const rules = compileNamespaceRules([{ match: "northwind-airflow", tenant: "northwind-eu" }], known);
    const bare = runEvent({ tenant: "x", job: { namespace: "northwind-airflow", name: "j" } }) as {
      job: { facets: Record<string, unknown> };
    };
    bare.job.facets = {};
    const byRule = parseEvent(bare, 0, "$", { boundTenant: null, rules });
    expect(byRule).toMatchObject({
      tenant: "northwind-eu",
      tenantFrom: { by: "rule", rule: 0, path: "$.job.namespace" },
    });
    expect(parseEvent(bare, 2, "$[2]", { boundTenant: "kestrel-eu", rules })).toMatchObject({
      tenant: "kestrel-eu",
      tenantFrom: { by: "token", path: "$[2]" },
    });
    const faceted = runEvent({ tenant: "kestrel-eu", job: { namespace: "northwind-airflow", name: "j" } });
    expect(parseEvent(faceted, 0, "$", { boundTenant: null, rules })).toMatchObject({
      tenant: "kestrel-eu",
      tenantFrom: { by: "facet", path: "$.job.facets.terrane_tenant.tenant" },
    });
    expect(parseEvent(faceted, 0, "$", { boundTenant: "kestrel-eu", rules }).tenant).toBe("kestrel-eu");
    expect(() => parseEvent(faceted, 0, "$", { boundTenant: "northwind-eu", rules })).toThrow(
      /names kestrel-eu, but this ingest token is bound to northwind-eu/,
    );
    expect(() => parseEvent(bare, 0, "$")).toThrow(/is missing, and nothing else names the tenant/);
    const ds = datasetEvent("t", { namespace: "northwind-airflow", name: "d" }) as {
      dataset: { facets: Record<string, unknown> };
    };
    delete ds.dataset.facets.terrane_tenant;
    // A DatasetEvent has no job: rules do not apply, a bound token does.
    expect(() => parseEvent(ds, 0, "$", { boundTenant: null, rules })).toThrow(/is missing/);
    expect(parseEvent(ds, 0, "$", { boundTenant: "kestrel-eu", rules }).tenant).toBe("kestrel-eu");
  });
});

describe("parsing events", () => {
  it("tells the event type from the schemaURL fragment, else from its shape", () => {
    expect(parseEvent(runEvent({ tenant: "t" }), 0, "$").kind).toBe("RunEvent");
    expect(parseEvent(datasetEvent("t", { namespace: "n", name: "d" }), 0, "$").kind).toBe("DatasetEvent");
    expect(parseEvent(jobEvent("t", { namespace: "n", name: "j" }, [], []), 0, "$").kind).toBe("JobEvent");
    const bare = { ...runEvent({ tenant: "t" }), schemaURL: "https://openlineage.io/spec/2-0-1/OpenLineage.json" };
    expect(parseEvent(bare, 0, "$").kind).toBe("RunEvent");
    const older = {
      ...jobEvent("t", { namespace: "n", name: "j" }, [], []),
      schemaURL: "https://openlineage.io/spec/2-0-0/OpenLineage.json#/definitions/JobEvent",
    };
    expect(parseEvent(older, 0, "$").kind).toBe("JobEvent");
    // The fragment decides: a "DatasetEvent" without a dataset is refused as one.
    expect(() =>
      parseEvent(
        {
          ...runEvent({ tenant: "t" }),
          schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent",
        },
        0,
        "$",
      ),
    ).toThrow(/\$\.dataset/);
    expect(() =>
      parseEvent(
        { ...runEvent({ tenant: "t" }), schemaURL: "https://openlineage.io/spec/2-1-0/OpenLineage.json" },
        0,
        "$",
      ),
    ).toThrow(/2-0-x/);
  });

  it("keys an event by its canonical JSON: member order does not matter, content does", () => {
    const e = runEvent({
      tenant: "t",
      runId: "2b7a2b38-5a4e-4f0b-8f6f-0c7a3f1d2e4a",
      eventTime: "2026-01-01T00:00:00Z",
    });
    expect(eventKey(Object.fromEntries(Object.entries(e).reverse()))).toBe(eventKey(e));
    expect(eventKey({ ...e, eventType: "START" })).not.toBe(eventKey(e));
    expect(eventKey(e)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("lower-cases run ids, so one run is one run however its producer spells the UUID", () => {
    expect(parseEvent(runEvent({ tenant: "t", runId: "2B7A2B38-5A4E-4F0B-8F6F-0C7A3F1D2E4A" }), 0, "$").runId).toBe(
      "2b7a2b38-5a4e-4f0b-8f6f-0c7a3f1d2e4a",
    );
  });
});

describe("rolling up", () => {
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
  const tenanted = (e: Record<string, unknown>, i = 0) => ({ ...parseEvent(e, i, "$"), tenantId: "T" });

  it("a run's inputs and outputs accumulate; each flow counts once per run; no flow from a dataset to itself", () => {
    const job = { namespace: "n", name: "j" };
    const runId = "2b7a2b38-5a4e-4f0b-8f6f-0c7a3f1d2e4a";
    const obs = observe([
      tenanted(
        runEvent({
          tenant: "t",
          job,
          runId,
          eventType: "START",
          eventTime: at(1),
          inputs: [{ namespace: "n", name: "a" }],
        }),
      ),
      tenanted(
        runEvent({
          tenant: "t",
          job,
          runId,
          eventType: "COMPLETE",
          eventTime: at(2),
          outputs: [
            { namespace: "n", name: "b" },
            { namespace: "n", name: "a" },
          ],
        }),
        1,
      ),
    ]);
    const a = entityKey("T", "n", "a");
    const b = entityKey("T", "n", "b");
    const { edges, runs } = deriveEdges(obs, new Map());
    expect(runs[0]).toMatchObject({ inputs: [a], outputs: [a, b].sort(), lastEventType: "COMPLETE", isNew: true });
    expect([...edges.values()].filter((e) => e.kind === "flow").map((e) => [e.source, e.target, e.increment])).toEqual([
      [a, b, 1],
    ]);
    // The same run seen again (stored): nothing new to count.
    const again = deriveEdges(
      obs,
      new Map([[`T\u001f${runId}`, { jobKey: entityKey("T", "n", "j"), inputs: [a], outputs: [a, b] }]]),
    );
    expect([...again.edges.values()].every((e) => e.increment === 0)).toBe(true);
  });

  it("placement: a facet wins and stays; rules decide afresh otherwise; an older facet does not override a newer one", () => {
    const rules = compileNamespaceRules([{ match: "s3://*", region: "us-east-1" }], known);
    const obsOf = (e: Record<string, unknown>) => [...observe([tenanted(e)]).datasets.values()][0]!;
    const byRule = mergeDataset(null, obsOf(datasetEvent("t", { namespace: "s3://b", name: "x" }, at(5))), rules);
    expect(byRule).toMatchObject({ region: "us-east-1", regionSource: "rule", dataClasses: [] });
    const byFacet = mergeDataset(
      byRule,
      obsOf(
        datasetEvent(
          "t",
          { namespace: "s3://b", name: "x", region: "eu-central-1", classes: ["b_class", "a_class"] },
          at(6),
        ),
      ),
      rules,
    );
    expect(byFacet).toMatchObject({
      region: "eu-central-1",
      regionSource: "facet",
      dataClasses: ["a_class", "b_class"],
    });
    const sticky = mergeDataset(byFacet, obsOf(datasetEvent("t", { namespace: "s3://b", name: "x" }, at(7))), rules);
    expect(sticky).toMatchObject({ region: "eu-central-1", regionSource: "facet" });
    const late = mergeDataset(
      byFacet,
      obsOf(datasetEvent("t", { namespace: "s3://b", name: "x", region: "me-central-1", classes: [] }, at(1))),
      rules,
    );
    expect(late).toMatchObject({ region: "eu-central-1" });
  });
});

describe("classifying flows", () => {
  const at = (
    region: string | null,
    dataClasses: string[] = [],
    subprocessor: string | null = null,
    form: "raw" | "aggregate" | null = null,
  ) => ({ region, dataClasses, subprocessor, form });
  it("in region, across regions, into a subprocessor's hands, or unknown", () => {
    expect(classifyFlow(at("eu-central-1", ["x"]), at("eu-central-1"))).toMatchObject({
      crossing: null,
      outcome: "in_region",
      question: null,
    });
    expect(classifyFlow(at("eu-central-1", ["x"]), at("us-east-1", ["y"], null, "aggregate")).question).toEqual({
      dataClasses: ["x", "y"],
      from: { region: "eu-central-1" },
      to: { kind: "region", id: "us-east-1", region: "us-east-1" },
      form: "aggregate",
    });
    expect(classifyFlow(at("eu-central-1", ["x"]), at("eu-central-1", [], "Vendor")).question?.to).toEqual({
      kind: "subprocessor",
      id: "Vendor",
      region: "eu-central-1",
    });
    expect(classifyFlow(at(null, ["x"]), at("eu-central-1"))).toMatchObject({
      outcome: "unknown_region",
      reason: expect.stringMatching(/the source/),
    });
    expect(classifyFlow(at("eu-central-1"), at("us-east-1"))).toMatchObject({ outcome: "violation", question: null });
  });
});

describe("building the graph", () => {
  it("writes times exactly as toISOString does", () => {
    for (const ms of [
      0,
      1,
      999,
      86_399_999,
      86_400_000,
      Date.UTC(2026, 10, 22, 5, 7, 9, 45),
      Date.UTC(1999, 11, 31, 23, 59, 59, 999),
      4_102_444_800_000,
    ]) {
      expect(iso(ms)).toBe(new Date(ms).toISOString());
    }
    for (let i = 0; i < 2_000; i++) {
      const ms = Math.floor(Math.random() * 4_102_444_800_000);
      expect(iso(ms)).toBe(new Date(ms).toISOString());
    }
  });

  const t = Date.UTC(2026, 0, 1);
  const node = (id: string, kind: "dataset" | "job", region: string | null, lastSeen = t): NodeRow => ({
    id,
    kind,
    namespace: "n",
    name: id,
    region,
    region_source: region ? "facet" : "unknown",
    subprocessor: null,
    form: null,
    data_classes: kind === "dataset" ? ["c"] : null,
    first_seen_at: t,
    last_seen_at: lastSeen,
    events: 1,
    runs: kind === "job" ? 1 : null,
  });
  const edge = (
    id: string,
    kind: EdgeRow["kind"],
    s: string,
    d: string,
    outcome = "not_evaluated",
    crossing: string | null = null,
  ): EdgeRow => ({
    id,
    kind,
    source_id: s,
    target_id: d,
    count: 2,
    first_seen_at: t,
    last_seen_at: t,
    crossing,
    outcome,
    data_classes: ["c"],
    form: null,
    decisions: [],
    reason: null,
    evaluated_at: null,
  });

  it("truncates to the node cap, keeping nodes on violations first, and says so", () => {
    const nodes = [node("a", "dataset", "eu-central-1"), node("j", "job", null), node("b", "dataset", "us-east-1")];
    for (let i = 0; i < 10; i++) nodes.push(node(`x${i}`, "dataset", "eu-central-1", t + 1000 * i));
    const edges = [
      edge("e1", "input", "a", "j"),
      edge("e2", "output", "j", "b"),
      edge("e3", "flow", "a", "b", "violation", "region"),
    ];
    const g = buildGraph(nodes, edges, { maxNodes: 4 });
    expect(g.truncated).toBe(true);
    expect(g.nodes.map((n) => n.id)).toEqual(["a", "b", "j", "x9"]);
    expect(g.totals).toEqual({ nodes: 13, edges: 3, in_region_flows: 0 });
    expect(g.edges.map((e) => [e.id, e.evaluation.outcome])).toEqual([
      ["e1", "violation"],
      ["e2", "violation"],
      ["e3", "violation"],
    ]);
    expect(g.nodes.find((n) => n.id === "j")!.region).toBe("us-east-1");
    expect(g.cross_border).toEqual([
      expect.objectContaining({ from: "eu-central-1", to: "us-east-1", flows: 1, observations: 2, worst: "violation" }),
    ]);
    expect(g.regions.map((r) => [r.region, r.datasets, r.jobs])).toEqual([
      ["eu-central-1", 11, 0],
      ["us-east-1", 1, 1],
    ]);
  });
});
