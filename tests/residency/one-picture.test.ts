import { beforeAll, describe, expect, it } from "vitest";
import { GET as tenantRoute } from "@/app/api/v1/tenants/[tenant]/route";
import { getTenantOverview } from "@/modules/tenants/server/overview";
import { getTenantMap } from "@/modules/tenants/server/map";
import { getTenantLineage } from "@/modules/lineage/server/graph";
import { getTenantGovernance } from "@/modules/governance/server/read";
import { residencyFacts } from "@/modules/attestations/server/residency-facts";
import { tenantOverview } from "@/modules/tenants/api-schemas";
import { resolveReview } from "@/modules/reviews/server/resolve";
import { tenantBySlug } from "@/prisma/seed/world";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, request } from "../helpers/http";
import { EU } from "../helpers/seeded-region";
import { runEvent, type DatasetSpec } from "../lineage/events";
import { useLineageWorld } from "../lineage/world";

/**
 * One residency picture (issue 15, item 1). The seed's store inventory and the lineage disagree
 * in known ways, and every view must tell the same story:
 *   - inventory: northwind-eu's 11 stores in eu-central-1 and its DR replica in us-east-1;
 *   - lineage: datasets in eu-central-1, us-east-1 and af-south-1 (where no store is), and one
 *     nobody placed;
 *   - flows: eu → us customer_pii (a decision denies it) and eu → af business_records (no
 *     decision): two violations, two alerts; eu → nowhere: unknown region. Then one alert is
 *     resolved, so one violation stays open while two flows remain violations.
 */

const NW = "northwind-eu";
const PAGE = { surface: "page" as const, path: `/t/${NW}` };
const at = (region: string, name: string, classes: string[]): DatasetSpec => ({
  namespace: `s3://picture-${region}`,
  name,
  region,
  classes,
});
const EU_ORDERS = at("eu-central-1", "orders", ["business_records", "customer_pii"]);
const EU_FEED = at("eu-central-1", "feed", ["business_records"]);
const US_COPY = at("us-east-1", "orders-copy", ["customer_pii"]);
const AF_COPY = at("af-south-1", "orders-af", ["business_records"]);
const NOWHERE: DatasetSpec = { namespace: "mystery://nowhere", name: "dump" };

const HOLDING = ["eu-central-1", "af-south-1", "us-east-1"];

describe.each(DATABASE_KINDS)("one residency picture on %s", (kind) => {
  const w = useLineageWorld(kind, { decisions: true });
  const job = (name: string, inputs: DatasetSpec[], outputs: DatasetSpec[]) =>
    runEvent({ tenant: NW, job: { namespace: "picture", name }, inputs, outputs });

  beforeAll(async () => {
    for (const body of [
      job("in-region", [EU_FEED], [EU_ORDERS]),
      job("to-us", [EU_ORDERS], [US_COPY]),
      job("to-af", [EU_ORDERS], [AF_COPY]),
      job("to-nowhere", [EU_FEED], [NOWHERE]),
    ]) {
      const res = await w.post(body);
      if (res.status !== 200) throw new Error(await res.text());
    }
  });

  const views = async () => {
    const actor = await w.region.session(EU.northwindAdmin);
    const res = await call(
      tenantRoute,
      request(`/api/v1/tenants/${NW}`, { headers: bearer(w.region.token(EU.northwindAdmin)) }),
      {
        tenant: NW,
      },
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const api = tenantOverview.parse(await res.json());
    const [overview, map, summary, full, governance] = await Promise.all([
      getTenantOverview(actor, NW, PAGE),
      getTenantMap(actor, NW, PAGE),
      getTenantLineage(actor, NW, { view: "summary" }, PAGE),
      getTenantLineage(actor, NW, {}, PAGE),
      getTenantGovernance(actor, NW, {}, PAGE),
    ]);
    const now = new Date();
    const attestation = await w.region.prisma.$transaction((tx) =>
      residencyFacts(tx, w.tenantId(NW), {
        from: new Date(now.getTime() - 86_400_000),
        to: new Date(now.getTime() + 60_000),
      }),
    );
    return { api, overview, map, summary, full, governance, attestation };
  };

  it("every view names the same regions holding data: the inventory's and the lineage's", async () => {
    const v = await views();
    const sorted = (xs: (string | null)[]) => [...xs].sort();
    // The overview (page and API) lists them home first.
    expect(v.overview.regions.map((r) => r.region)).toEqual(["eu-central-1", "af-south-1", "us-east-1"]);
    expect(v.api.regions.map((r) => r.region)).toEqual(v.overview.regions.map((r) => r.region));
    // The map also marks places decisions name; those holding data are the same three.
    expect(
      sorted(v.map.regions.filter((r) => r.roles.includes("stores") || r.roles.includes("lineage")).map((r) => r.id)),
    ).toEqual(sorted(HOLDING));
    // The attestation lists the same regions (home first), the lineage's with its datasets.
    expect(v.attestation.residency.regions.map((r) => r.region)).toEqual(v.overview.regions.map((r) => r.region));
    // Lineage groups by the regions its datasets are in: those are among them, and af-south-1 is only there.
    const lineageRegions = v.summary.regions.map((g) => g.region).filter((r): r is string => r !== null);
    expect(sorted(lineageRegions)).toEqual(sorted(HOLDING));

    const seed = tenantBySlug(NW);
    const byRegion = Object.fromEntries(v.api.regions.map((r) => [r.region, r]));
    expect(byRegion["eu-central-1"]).toMatchObject({ home: true, tier: "managed", datasets: 2 });
    expect(byRegion["eu-central-1"]!.stores).toHaveLength(seed.stores.filter((s) => !s.region).length);
    expect(byRegion["us-east-1"]).toMatchObject({ home: false, tier: null, datasets: 1 });
    expect(byRegion["us-east-1"]!.stores.map((s) => s.name)).toEqual(["dr-backup-replica"]);
    expect(byRegion["af-south-1"]).toMatchObject({ home: false, tier: null, datasets: 1, stores: [] });
    // Classes by name, from stores and datasets alike: af-south-1 holds business records only by lineage.
    expect(byRegion["af-south-1"]!.data_classes).toEqual([
      { key: "business_records", name: expect.any(String), sensitivity: expect.any(String) },
    ]);
    expect(byRegion["af-south-1"]!.data_classes[0]!.name).not.toBe("business_records");
    expect(v.map.data_classes.business_records!.name).toBe(byRegion["af-south-1"]!.data_classes[0]!.name);
    const mapAf = v.map.regions.find((r) => r.id === "af-south-1")!;
    expect(mapAf).toMatchObject({ datasets: 1, data_classes: ["business_records"], tier: null });
    const attestAf = v.attestation.residency.regions.find((r) => r.region === "af-south-1")!;
    expect(attestAf).toMatchObject({ home: false, tier: null, datasets: 1, stores: [] });
  });

  it("every view counts the same open violations, border flows and unknown datasets", async () => {
    const v = await views();
    expect(v.api.open_violations).toBe(2);
    expect(v.overview.open_violations).toBe(2);
    expect(v.map.open_violations).toBe(2);
    expect(v.summary.findings.open_alerts.border_violation).toBe(2);
    expect(v.full.findings.open_alerts.border_violation).toBe(2);
    expect(v.governance.violations.open).toBe(2);
    expect(
      v.attestation.violations.alerts.filter((a) => a.kind === "border_violation" && a.status !== "resolved"),
    ).toHaveLength(2);

    expect(v.api.border_flows).toEqual({ allowed: 0, allowed_with_condition: 0, unknown_region: 1, violation: 2 });
    const fromPairs = (pairs: { outcomes: Record<string, number> }[], o: string) =>
      pairs.reduce((n, p) => n + (p.outcomes[o] ?? 0), 0);
    for (const o of ["violation", "unknown_region", "allowed"] as const) {
      expect(fromPairs(v.summary.cross_border, o), o).toBe(v.api.border_flows[o]);
      expect(fromPairs(v.map.flows, o), o).toBe(v.api.border_flows[o]);
    }
    expect(v.attestation.flows.filter((f) => f.verdict === "violation")).toHaveLength(2);
    expect(v.api.unknown_region_datasets).toBe(1);
    expect(v.map.unknown_region_datasets).toBe(1);
    expect(v.summary.findings.unknown_region_datasets).toBe(1);
  });

  it("a resolved violation leaves every view at once: one open, while both flows stay violations", async () => {
    const alert = await w.region.prisma.lineageAlert.findFirstOrThrow({
      where: { tenantId: w.tenantId(NW), kind: "border_violation", toRegion: "af-south-1" },
    });
    // Resolved as a compliance officer does, from the review queue.
    const item = await w.region.prisma.reviewItem.findFirstOrThrow({
      where: { kind: "border_violation", sourceId: alert.id },
    });
    await resolveReview(
      await w.region.session(EU.compliance),
      item.id,
      { outcome: "remediated", rationale: "The af-south-1 copy was deleted and the job retired." },
      { surface: "api", path: `/api/v1/region/reviews/${item.id}/resolve` },
    );
    const v = await views();
    for (const open of [
      v.api.open_violations,
      v.overview.open_violations,
      v.map.open_violations,
      v.summary.findings.open_alerts.border_violation,
      v.full.findings.open_alerts.border_violation,
      v.governance.violations.open,
    ])
      expect(open).toBe(1);
    expect(v.api.border_flows.violation).toBe(2);
  });
});
