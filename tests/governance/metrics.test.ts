import { beforeAll, describe, expect, it } from "vitest";
import { GET as tenantRoute } from "@/app/api/v1/tenants/[tenant]/governance/route";
import { GET as regionRoute } from "@/app/api/v1/region/governance/route";
import { regionGovernanceView, tenantGovernanceView } from "@/modules/governance/api-schemas";
import { governanceJobs, takeDailySnapshot } from "@/modules/governance/server/snapshot";
import { governanceSummary } from "@/modules/governance/server/summary";
import { attestedGovernance } from "@/modules/governance/server/attestation-figures";
import { residencyPredicateSchema } from "@/modules/attestations/domain/predicate";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { seedGovernanceWorld } from "./world";

const DAY = 86_400_000;

function tenantCall(token: string | undefined, query = "", tenant = "northwind-eu") {
  return call(
    tenantRoute,
    request(`/api/v1/tenants/${tenant}/governance${query}`, { headers: token ? bearer(token) : {} }),
    { tenant },
  );
}
function regionCall(token: string | undefined, query = "") {
  return call(regionRoute, request(`/api/v1/region/governance${query}`, { headers: token ? bearer(token) : {} }));
}
async function json(response: Promise<Response>, status = 200): Promise<unknown> {
  const r = await response;
  const text = await r.text();
  expect(r.status, text).toBe(status);
  return JSON.parse(text);
}

describe.each(DATABASE_KINDS)("governance metrics, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1");
  let now: Date;
  let today: string;
  let yesterday: string;

  beforeAll(async () => {
    ({ now } = await seedGovernanceWorld(world.prisma));
    today = now.toISOString().slice(0, 10);
    yesterday = new Date(now.getTime() - DAY).toISOString().slice(0, 10);
  });

  it("answers the tenant's figures for the last 30 days, as the seeded world states them", async () => {
    const view = tenantGovernanceView.parse(await json(tenantCall(world.token(EU.northwindAdmin))));
    expect(view.tenant).toEqual({ slug: "northwind-eu", name: "Northwind Logistics EU", home_region: "eu-central-1" });
    expect(view.to).toBe(today);
    expect(view.trend).toHaveLength(30);
    expect(view.state_as_of).toBe(today);
    expect(view.sources).toEqual({ snapshot_days: 0, live_days: 30, days_without_state: 29 });
    expect(view.residency.data_classes).toEqual([
      {
        data_class: "customer_pii",
        records_total: 1000,
        records_home: 800,
        records_share: 0.8,
        bytes_total: 10000,
        bytes_home: 7000,
        bytes_share: 0.7,
      },
      {
        data_class: "payment_data",
        records_total: 200,
        records_home: 0,
        records_share: 0,
        bytes_total: 3000,
        bytes_home: 0,
        bytes_share: 0,
      },
    ]);
    expect(view.residency.overall).toEqual({ records_share: 0.6667, bytes_share: 0.5385 });
    expect(view.residency.stores_without_counts).toBe(1);
    expect(view.flows).toEqual([
      { verdict: "allowed", edges: 1, runs: 5 },
      { verdict: "violation", edges: 2, runs: 7 },
    ]);
    expect(view.violations.open).toBe(2);
    expect(view.violations.oldest_age_seconds! / 86_400).toBeCloseTo(4, 2);
    // Nearest rank of two ages: the smaller one (2 days).
    expect(view.violations.median_age_seconds! / 86_400).toBeCloseTo(2, 2);
    expect(view.violations).toMatchObject({ raised: 4, resolved: 1 });
    expect(view.reviews).toEqual([
      { kind: "border_violation", closed: 1, p50_seconds: 1800, p90_seconds: 1800, open: 0, overdue: 0 },
      { kind: "sharing_decision", closed: 3, p50_seconds: 7200, p90_seconds: 10800, open: 2, overdue: 1 },
    ]);
    expect(view.keys).toEqual({ total: 3, rotated_within_period: 2, coverage: 0.6667 });
    expect(view.revocation).toEqual({ receipts: 2, p50_ms: 1200, p99_ms: 3400 });
    const months = view.support.months;
    const sum = (f: (m: (typeof months)[number]) => number) => months.reduce((n, m) => n + f(m), 0);
    expect([
      sum((m) => m.requests),
      sum((m) => m.accesses),
      sum((m) => m.outside_grant),
      sum((m) => m.approvals),
    ]).toEqual([3, 13, 3, 2]);
    const current = months.find((m) => m.month === today.slice(0, 7))!;
    if (current.approvals === 2)
      expect(current).toMatchObject({ approval_p50_seconds: 1800, approval_p90_seconds: 7200 });
    expect(view.subprocessors).toEqual({ changes: 1, objections_raised: 1, objections_resolved: 0 });
  });

  it("answers the region's figures: every tenant's summed, and each tenant's headline", async () => {
    const view = regionGovernanceView.parse(await json(regionCall(world.token(EU.compliance))));
    expect(view.region).toBe("eu-central-1");
    expect(view.residency.data_classes.map((c) => [c.data_class, c.records_home, c.records_total])).toEqual([
      ["customer_pii", 900, 1100],
      ["payment_data", 0, 200],
    ]);
    expect(view.keys).toEqual({ total: 4, rotated_within_period: 2, coverage: 0.5 });
    expect(view.revocation).toEqual({ receipts: 2, p50_ms: 1200, p99_ms: 3400 });
    const northwind = view.tenants.find((t) => t.slug === "northwind-eu");
    const kestrel = view.tenants.find((t) => t.slug === "kestrel-eu");
    expect(northwind).toEqual({
      slug: "northwind-eu",
      name: "Northwind Logistics EU",
      records_share: 0.6667,
      bytes_share: 0.5385,
      open_violations: 2,
      key_coverage: 0.6667,
      open_reviews: 2,
      overdue_reviews: 1,
    });
    expect(kestrel).toMatchObject({ records_share: 1, bytes_share: 1, key_coverage: 0, open_violations: 0 });
  });

  it("gives the desk home six headline figures, and nothing to someone who may not read the region's", async () => {
    const summary = await governanceSummary(await world.session(EU.compliance));
    expect(summary).toMatchObject({
      region: "eu-central-1",
      to: today,
      open_violations: 2,
      key_coverage: 0.5,
      revoke_p99_ms: 3400,
      overdue_reviews: 1,
    });
    // customer_pii 900/1100 and payment_data 0/200 records: 900/1300.
    expect(summary?.records_share).toBe(0.6923);
    expect(await governanceSummary(await world.session(EU.northwindAdmin))).toBeNull();
  });

  it("snapshots a finished day once: a second run writes nothing, and the past reads the snapshot, not today's registers", async () => {
    const tenants = await world.prisma.tenant.count();
    // The daily job (a quarter past midnight UTC, and at start-up) snapshots yesterday.
    const jobs = governanceJobs();
    expect(jobs.cron).toEqual([{ queue: "governance.snapshot", cron: "15 0 * * *" }]);
    expect(jobs.atStart).toEqual(["governance.snapshot"]);
    await jobs.workers[0]!.handler({}, { id: "test", retryCount: 0 });
    expect(await world.prisma.governanceSnapshot.count({ where: { day: new Date(`${yesterday}T00:00:00Z`) } })).toBe(
      tenants + 1,
    );
    expect((await takeDailySnapshot({ day: yesterday })).written).toBe(0);
    await jobs.workers[0]!.handler({}, { id: "test-again", retryCount: 1 });
    const again = await takeDailySnapshot({ day: yesterday });
    expect(again).toMatchObject({ day: yesterday, written: 0, tenants });
    expect(await world.prisma.governanceSnapshot.count({ where: { day: new Date(`${yesterday}T00:00:00Z`) } })).toBe(
      tenants + 1,
    );
    await expect(takeDailySnapshot({ day: today })).rejects.toThrow(/has not ended/);

    // The registers change after the snapshot: yesterday keeps its figures, today shows the change.
    await world.prisma.store.updateMany({ where: { name: "us-replica" }, data: { region: "eu-central-1" } });
    const past = tenantGovernanceView.parse(
      await json(tenantCall(world.token(EU.northwindAdmin), `?from=${yesterday}&to=${yesterday}`)),
    );
    expect(past.sources).toEqual({ snapshot_days: 1, live_days: 0, days_without_state: 0 });
    expect(past.state_as_of).toBe(yesterday);
    expect(past.residency.overall).toEqual({ records_share: 0.6667, bytes_share: 0.5385 });
    const live = tenantGovernanceView.parse(
      await json(tenantCall(world.token(EU.northwindAdmin), `?from=${yesterday}&to=${today}`)),
    );
    expect(live.residency.overall).toEqual({ records_share: 1, bytes_share: 1 });
    expect(live.trend.map((t) => t.records_share)).toEqual([0.6667, 1]);
    await world.prisma.store.updateMany({ where: { name: "us-replica" }, data: { region: "us-east-1" } });

    // The region's table on a past day comes from that day's snapshots.
    const region = regionGovernanceView.parse(
      await json(regionCall(world.token(EU.providerAdmin), `?from=${yesterday}&to=${yesterday}`)),
    );
    expect(region.tenants.find((t) => t.slug === "northwind-eu")?.records_share).toBe(0.6667);
  });

  it("exports the figures as CSV", async () => {
    const r = await tenantCall(world.token(EU.northwindViewer), "?format=csv");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(r.headers.get("content-disposition")).toMatch(
      /^attachment; filename="governance-northwind-eu-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = (await r.text()).split("\r\n");
    expect(lines[0]).toBe('"section","item","metric","value"');
    expect(lines).toContain('"residency","customer_pii","records_share","0.8"');
    expect(lines).toContain('"revocation","","p99_ms","3400"');
    expect(lines).toContain('"keys","","coverage","0.6667"');
    const region = await regionCall(world.token(EU.compliance), "?format=csv");
    const text = await region.text();
    expect(text).toContain('"tenant:northwind-eu","Northwind Logistics EU","open_violations","2"');
  });

  it("refuses a bad period precisely, with the parameter named", async () => {
    const token = world.token(EU.northwindAdmin);
    const tomorrow = new Date(now.getTime() + DAY).toISOString().slice(0, 10);
    const cases: [string, string][] = [
      ["?from=2026-02-30", "invalid_date"],
      ["?to=yesterday", "invalid_date"],
      [`?to=${tomorrow}`, "period_in_future"],
      [`?from=${today}&to=${yesterday}`, "period_reversed"],
      ["?from=2020-01-01&to=2021-06-01", "period_too_long"],
    ];
    for (const [query, code] of cases) {
      const problem = await expectProblem(await tenantCall(token, query), 400, code);
      expect(problem.detail, query).toBeTruthy();
      await expectProblem(await regionCall(world.token(EU.compliance), query), 400, code);
    }
    await expectProblem(await tenantCall(token, "?format=xml"), 400, "invalid_query");
    await expectProblem(await tenantCall(token, "?period=month"), 400, "invalid_query");
    expect(await world.prisma.governanceSnapshot.count({ where: { day: new Date(`${today}T00:00:00Z`) } })).toBe(0);
  });

  it("gives attestations the same figures as the API for the attested days", async () => {
    const period = { from: new Date(now.getTime() - 29 * DAY), to: new Date(now.getTime() + DAY) };
    const northwind = (await world.prisma.tenant.findUniqueOrThrow({ where: { slug: "northwind-eu" } })).id;
    const figures = await world.prisma.$transaction((tx) =>
      attestedGovernance(tx, northwind, period, "eu-central-1", now),
    );
    const api = tenantGovernanceView.parse(await json(tenantCall(world.token(EU.northwindAdmin))));
    expect(figures).toEqual({
      from: api.from,
      to: today,
      state_as_of: today,
      records_in_home_region_share: api.residency.overall.records_share,
      bytes_in_home_region_share: api.residency.overall.bytes_share,
      key_rotation_coverage: 0.6667,
      open_violations: 2,
      alerts_raised: api.violations.raised,
      review_items_closed: 4,
      time_to_revoke: { receipts: 2, p50_ms: 1200, p99_ms: 3400 },
      accesses_outside_grant: 3,
    });
    expect(residencyPredicateSchema.shape.governance.safeParse(figures).success).toBe(true);
    // A period longer than a year and a day carries no figures (the field is optional).
    const long = { from: new Date(now.getTime() - 400 * DAY), to: now };
    expect(
      await world.prisma.$transaction((tx) => attestedGovernance(tx, northwind, long, "eu-central-1", now)),
    ).toBeNull();
  });

  it("lets an auditor read the periods of their engagement only, fitting the default period into it", async () => {
    const auditor = await world.userId(EU.northwindAuditor);
    const northwind = (await world.prisma.tenant.findUniqueOrThrow({ where: { slug: "northwind-eu" } })).id;
    const membership = await world.prisma.membership.findFirstOrThrow({
      where: { userId: auditor, tenantId: northwind },
    });
    const dayStart = (d: string) => new Date(`${d}T00:00:00Z`);
    const first = new Date(now.getTime() - 10 * DAY).toISOString().slice(0, 10);
    const end = new Date(now.getTime() - 2 * DAY).toISOString().slice(0, 10);
    const last = new Date(now.getTime() - 3 * DAY).toISOString().slice(0, 10);
    await world.prisma.membership.update({
      where: { id: membership.id },
      data: { scopeFrom: dayStart(first), scopeTo: dayStart(end) },
    });
    try {
      const view = tenantGovernanceView.parse(await json(tenantCall(world.token(EU.northwindAuditor))));
      expect([view.from, view.to]).toEqual([first, last]);
      const problem = await expectProblem(
        await tenantCall(world.token(EU.northwindAuditor), `?to=${today}`),
        403,
        "out_of_scope",
      );
      expect(problem.detail).toContain(`${first} to ${last}`);
    } finally {
      await world.prisma.membership.update({
        where: { id: membership.id },
        data: { scopeFrom: membership.scopeFrom, scopeTo: membership.scopeTo },
      });
    }
  });

  it("lets exactly the roles the policy names read the figures", async () => {
    const tenantAllowed: string[] = [EU.northwindAdmin, EU.northwindViewer, EU.northwindAuditor, EU.compliance];
    for (const email of [...tenantAllowed, EU.support, EU.providerAdmin, EU.kestrelAdmin]) {
      const r = await tenantCall(world.token(email));
      const expected = tenantAllowed.includes(email) ? 200 : email === EU.kestrelAdmin ? 404 : 403;
      expect(r.status, email).toBe(expected);
    }
    expect((await tenantCall(undefined)).status).toBe(401);
    for (const email of [EU.compliance, EU.providerAdmin, EU.northwindAdmin, EU.northwindAuditor, EU.support]) {
      const r = await regionCall(world.token(email));
      expect(r.status, email).toBe(email === EU.compliance || email === EU.providerAdmin ? 200 : 403);
    }
  });
});
