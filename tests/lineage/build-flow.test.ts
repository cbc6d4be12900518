import { describe, expect, it } from "vitest";
import {
  anyExpanded,
  buildDrawn,
  COLLAPSE_ABOVE,
  collapseAll,
  collapsedRegions,
  DRAW_REGION_LIMIT,
  isLarge,
  layoutStructure,
  toggleRegion,
} from "@/modules/lineage/ui/build-flow";
import type { CrossBorderPair, TenantLineage } from "@/modules/lineage/client";

/** The client's drawing rules for the summary form, and the collapse state that decides which form is fetched. Pure. */

const pair = (
  from: string | null,
  to: string | null,
  flows: number,
  worst: CrossBorderPair["worst"],
): CrossBorderPair => ({
  from,
  to,
  flows,
  observations: flows * 2,
  worst,
  data_classes: [],
  subprocessors: [],
  outcomes: {
    allowed: 0,
    allowed_with_condition: 0,
    violation: worst === "violation" ? flows : 0,
    unknown_region: worst === "unknown_region" ? flows : 0,
  },
});

const summary = (nodes: number): TenantLineage => ({
  tenant: "t",
  generated_at: "2026-01-01T00:00:00.000Z",
  view: "summary",
  nodes: [],
  edges: [],
  focus: null,
  depth: null,
  truncated: false,
  regions: [
    { region: "eu-central-1", datasets: nodes - 10, jobs: 5, data_classes: [], subprocessors: [] },
    { region: "us-east-1", datasets: 3, jobs: 1, data_classes: [], subprocessors: [] },
    { region: null, datasets: 1, jobs: 0, data_classes: [], subprocessors: [] },
  ],
  cross_border: [
    pair("eu-central-1", "us-east-1", 40, "violation"),
    pair("eu-central-1", "eu-central-1", 2, "violation"),
    pair(null, "eu-central-1", 1, "unknown_region"),
    pair(null, null, 3, "unknown_region"),
  ],
  totals: { nodes, edges: nodes * 4, in_region_flows: 0 },
  findings: { unknown_region_datasets: 1, open_alerts: { border_violation: 0, region_unknown: 0 }, violations: [] },
  limits: { max_nodes: 5000 },
  data_classes: [],
  allowed_actions: [],
});

describe("drawing the summary", () => {
  it("every region collapsed, whatever the collapse state; one edge per pair of different regions with the pair's flows and worst outcome", () => {
    const drawn = buildDrawn(summary(400), new Set());
    expect(drawn.nodes.map((n) => [n.id, n.type, n.collapsed, n.counts])).toEqual([
      ["region:eu-central-1", "region", true, { datasets: 390, jobs: 5 }],
      ["region:us-east-1", "region", true, { datasets: 3, jobs: 1 }],
      ["region:unknown", "region", true, { datasets: 1, jobs: 0 }],
    ]);
    expect(drawn.edges).toEqual([
      {
        id: "region:eu-central-1>region:us-east-1",
        source: "region:eu-central-1",
        target: "region:us-east-1",
        count: 40,
        outcome: "violation",
        edge: null,
        crossBorder: true,
      },
      {
        id: "region:unknown>region:eu-central-1",
        source: "region:unknown",
        target: "region:eu-central-1",
        count: 1,
        outcome: "unknown_region",
        edge: null,
        crossBorder: true,
      },
    ]);
  });

  it("large means more than COLLAPSE_ABOVE nodes in the whole graph (the totals, which a summary has too)", () => {
    expect(isLarge(summary(COLLAPSE_ABOVE))).toBe(false);
    expect(isLarge(summary(COLLAPSE_ABOVE + 1))).toBe(true);
  });
});

describe("the collapse state", () => {
  const g = summary(400);

  it("all collapsed: no region expanded, so the summary is enough; a region that appears later is collapsed too", () => {
    const all = collapseAll(true);
    expect(anyExpanded(all, g)).toBe(false);
    expect([...collapsedRegions(all, g)]).toEqual(["eu-central-1", "us-east-1", "unknown"]);
    const grown = {
      ...g,
      regions: [...g.regions, { region: "af-south-1", datasets: 1, jobs: 0, data_classes: [], subprocessors: [] }],
    };
    expect(collapsedRegions(all, grown).has("af-south-1")).toBe(true);
  });

  it("expanding one region needs the whole graph; collapsing it again does not", () => {
    const one = toggleRegion(collapseAll(true), "us-east-1");
    expect(anyExpanded(one, g)).toBe(true);
    expect([...collapsedRegions(one, g)]).toEqual(["eu-central-1", "unknown"]);
    const back = toggleRegion(one, "us-east-1");
    expect(anyExpanded(back, g)).toBe(false);
    expect(collapsedRegions(back, g).size).toBe(3);
  });

  it("all expanded (a small graph, or expand all): nothing collapsed, new regions expanded; collapsing one leaves the rest", () => {
    const open = collapseAll(false);
    expect(anyExpanded(open, g)).toBe(true);
    expect(collapsedRegions(open, g).size).toBe(0);
    expect([...collapsedRegions(toggleRegion(open, "eu-central-1"), g)]).toEqual(["eu-central-1"]);
  });
});

describe("regions too large to draw", () => {
  const big = summary(DRAW_REGION_LIMIT + 20); // eu-central-1: DRAW_REGION_LIMIT + 15 datasets and jobs

  it("stay collapsed whatever the state, are marked, and expanding everything draws only the others", () => {
    const open = collapseAll(false);
    expect([...collapsedRegions(open, big)]).toEqual(["eu-central-1"]);
    expect([...collapsedRegions(toggleRegion(collapseAll(true), "eu-central-1"), big)]).toEqual([
      "eu-central-1",
      "us-east-1",
      "unknown",
    ]);
    expect(buildDrawn(big, new Set()).nodes.map((n) => [n.region, n.tooLarge])).toEqual([
      ["eu-central-1", true],
      ["us-east-1", false],
      ["unknown", false],
    ]);
  });

  it("asking to expand only a region too large to draw does not fetch the whole graph", () => {
    expect(anyExpanded(toggleRegion(collapseAll(true), "eu-central-1"), big)).toBe(false);
    expect(anyExpanded(toggleRegion(collapseAll(true), "us-east-1"), big)).toBe(true);
  });

  it("the limit is on datasets and jobs together", () => {
    const at = summary(DRAW_REGION_LIMIT + 5); // eu-central-1: exactly DRAW_REGION_LIMIT
    expect(collapsedRegions(collapseAll(false), at).size).toBe(0);
  });
});

describe("what is laid out", () => {
  it("a refresh with new counts keeps the layout (no re-layout, no jump of the view); another region pair changes it", () => {
    const g = summary(400);
    const counted = {
      ...g,
      cross_border: g.cross_border.map((p) => ({ ...p, flows: p.flows + 7, observations: p.observations + 100 })),
    };
    const same = layoutStructure(buildDrawn(g, new Set()));
    expect(layoutStructure(buildDrawn(counted, new Set()))).toBe(same);
    const wider = { ...g, cross_border: [...g.cross_border, pair("us-east-1", "eu-central-1", 1, "violation")] };
    expect(layoutStructure(buildDrawn(wider, new Set()))).not.toBe(same);
  });
});
