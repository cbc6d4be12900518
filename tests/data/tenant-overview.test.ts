import { describe, expect, it } from "vitest";
import { getTenantOverview } from "@/modules/tenants/server/overview";
import { tenantBySlug } from "@/prisma/seed/world";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU, useSeededRegion } from "../helpers/seeded-region";

const PAGE = (slug: string) => ({ surface: "page" as const, path: `/t/${slug}` });

describe.each(DATABASE_KINDS)("tenant overview on %s", (kind) => {
  const world = useSeededRegion(kind);

  it("shows a member the tenant's tier, home region and organisation", async () => {
    const overview = await getTenantOverview(
      await world.session(EU.northwindViewer),
      "northwind-eu",
      PAGE("northwind-eu"),
    );
    expect(overview.tenant).toMatchObject({
      slug: "northwind-eu",
      name: "Northwind Logistics EU",
      tier: "managed",
      home_region: "eu-central-1",
      organisation: { slug: "northwind", name: "Northwind Logistics" },
    });
  });

  it("groups stores by region, home region first, with every store, data class and count", async () => {
    const seed = tenantBySlug("northwind-eu");
    const overview = await getTenantOverview(
      await world.session(EU.northwindAdmin),
      "northwind-eu",
      PAGE("northwind-eu"),
    );

    // The seed keeps a disaster-recovery copy in us-east-1: it must show as its own region, after the home region.
    expect(overview.regions.map((r) => r.region)).toEqual(["eu-central-1", "us-east-1"]);
    expect(overview.regions[1]!.stores.map((s) => s.name)).toEqual(["dr-backup-replica"]);

    const stores = overview.regions.flatMap((r) => r.stores);
    expect(stores.map((s) => s.name).sort()).toEqual(seed.stores.map((s) => s.name).sort());
    for (const want of seed.stores) {
      const got = stores.find((s) => s.name === want.name)!;
      const inRegion = overview.regions.find((r) => r.stores.includes(got))!.region;
      expect(inRegion, want.name).toBe(want.region ?? "eu-central-1");
      expect(got.kind).toBe(want.kind);
      expect(got.engine).toBe(want.engine);
      expect(got.record_count).toBe(want.records);
      expect(got.size_bytes).toBe(want.gigabytes * 1_000_000_000);
      expect(got.counts_reported_at).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(got.data_classes.map((d) => d.key)).toEqual([...want.dataClasses].sort());
    }

    const pii = stores.flatMap((s) => s.data_classes).find((d) => d.key === "customer_pii");
    expect(pii).toEqual({ key: "customer_pii", name: "Customer personal data", sensitivity: "restricted" });

    const classes = new Set(seed.stores.flatMap((s) => s.dataClasses));
    expect(overview.totals).toEqual({
      stores: seed.stores.length,
      records: seed.stores.reduce((n, s) => n + s.records, 0),
      size_bytes: seed.stores.reduce((n, s) => n + s.gigabytes * 1_000_000_000, 0),
      data_classes: classes.size,
    });
    expect(overview.totals.stores).toBe(12);
  });

  it("concurrent requests each get their own tenant's answer", async () => {
    const northwind = await world.session(EU.northwindViewer);
    const kestrel = await world.session(EU.kestrelViewer);
    const asks = Array.from({ length: 24 }, (_, i) =>
      i % 2 === 0 ? ([northwind, "northwind-eu"] as const) : ([kestrel, "kestrel-eu"] as const),
    );
    const answers = await Promise.all(asks.map(([actor, slug]) => getTenantOverview(actor, slug, PAGE(slug))));
    answers.forEach((answer, i) => {
      const slug = asks[i]![1];
      expect(answer.tenant.slug).toBe(slug);
      expect(answer.totals.stores).toBe(tenantBySlug(slug).stores.length);
    });
  });

  it("shows each tenant only its own stores", async () => {
    const overview = await getTenantOverview(await world.session(EU.kestrelViewer), "kestrel-eu", PAGE("kestrel-eu"));
    const names = overview.regions.flatMap((r) => r.stores.map((s) => s.name)).sort();
    expect(names).toEqual(
      tenantBySlug("kestrel-eu")
        .stores.map((s) => s.name)
        .sort(),
    );
    expect(overview.regions.map((r) => r.region)).toEqual(["eu-central-1"]);
  });

  it("a tenant without stores has an empty picture, not an error; tiers use the product's spelling", async () => {
    const kestrel = await world.prisma.directoryOrganisation.findUniqueOrThrow({ where: { slug: "kestrel" } });
    await world.prisma.directoryTenant.create({
      data: { id: "empty-tenant-id", slug: "empty-eu", homeRegion: "eu-central-1", organisationId: kestrel.id },
    });
    await world.prisma.tenant.create({
      data: { id: "empty-tenant-id", slug: "empty-eu", name: "Empty", tier: "customer_cloud" },
    });
    await world.prisma.membership.create({
      data: { userId: await world.userId(EU.kestrelAdmin), tenantId: "empty-tenant-id", role: "customer_admin" },
    });
    const overview = await getTenantOverview(await world.session(EU.kestrelAdmin), "empty-eu", PAGE("empty-eu"));
    expect(overview.tenant.tier).toBe("customer-cloud");
    expect(overview.regions).toEqual([]);
    expect(overview.totals).toEqual({ stores: 0, records: 0, size_bytes: 0, data_classes: 0 });
  });
});
