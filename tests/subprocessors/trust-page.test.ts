/**
 * The public trust page's reader and words, on the demo register (five subprocessors in force,
 * one announced through the workflow), on the embedded database and on PostgreSQL: the region,
 * the register with data classes by name, the announced change's effective date with its zone,
 * the region's keys and latest checkpoint, the countries on the public map; and nothing on it
 * names a tenant, a person, an objection or a reviewer's note. Then the tenant's map: the
 * register's countries as markers, each subprocessor with the tenant's data classes it receives.
 */
import { describe, expect, it } from "vitest";
import { regionJwks } from "@/modules/audit/server/public-log";
import { trustPage } from "@/modules/subprocessors/server/trust-page";
import { entryRowHtml } from "@/modules/subprocessors/ui/trust-rows";
import { dataClassName, trustNames, upcomingWhen } from "@/modules/subprocessors/ui/trust-words";
import { getTenantMap } from "@/modules/tenants/server/map";
import { countryPoint } from "@/modules/tenants/ui/map/geo";
import { formatDateTime } from "@/platform/format";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU, useSeededRegion } from "../helpers/seeded-region";

const SECRET_OBJECTION = "objection-reason-only-the-tenant-and-compliance-read-4b1c";

describe.each(DATABASE_KINDS)("trust page (%s)", (kind) => {
  const ctx = useSeededRegion(kind, "eu-central-1", { subprocessors: true, decisions: true });

  it("shows the region, its tiers and the register with data classes and countries by name", async () => {
    const page = await trustPage();
    expect(page.region).toMatchObject({
      id: "eu-central-1",
      city: "Frankfurt am Main",
      country: "DE",
      country_name: "Germany",
      jurisdiction: "European Union (GDPR)",
    });
    expect(page.region.tiers.length).toBeGreaterThan(0);
    expect(page.register.subprocessors.map((s) => s.name)).toEqual([
      "Amazon Web Services",
      "Postmark",
      "Snowflake Analytics",
      "Stripe",
      "Zendesk",
    ]);
    const names = trustNames(page);
    const catalogue = await ctx.prisma.dataClass.findMany({ where: { tenantId: null } });
    for (const entry of page.register.subprocessors)
      for (const key of entry.data_classes)
        expect(dataClassName(key, names), key).toBe(catalogue.find((c) => c.key === key)?.name);
    // Only the default catalogue: a tenant's own classes would tell its business.
    expect(Object.keys(page.data_class_names).sort()).toEqual(catalogue.map((c) => c.key).sort());
  });

  it("lists the announced change with its effective date in UTC, as the database holds it", async () => {
    const page = await trustPage();
    const change = await ctx.prisma.subprocessorChange.findFirstOrThrow({ where: { state: "announced" } });
    expect(page.register.upcoming).toHaveLength(1);
    const upcoming = page.register.upcoming[0]!;
    expect(upcoming).toMatchObject({ change_id: change.id, kind: "add", name: "Intercom" });
    expect(upcoming.effective_at).toBe(change.effectiveAt!.toISOString());
    const words = upcomingWhen(upcoming);
    expect(words).toContain(`Takes effect on ${formatDateTime(change.effectiveAt!.toISOString())}`);
    expect(words).toMatch(
      /^Takes effect on \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC; announced on .+ UTC with 30 days' notice\.$/,
    );
    expect(upcoming.diff.map((d) => d.field)).toContain("locations");
  });

  it("shows the region's keys as the JWKS serves them and its latest signed checkpoint", async () => {
    const page = await trustPage();
    const jwks = await regionJwks();
    expect(page.keys.map((k) => [k.kid, k.purpose, k.x])).toEqual(
      jwks.keys.map((k) => [k.kid, k.terrane_purpose, k.x]),
    );
    expect(page.keys.map((k) => k.purpose).sort()).toEqual(["attestation", "audit-log", "support-grant", "witness"]);
    const latest = await ctx.prisma.auditCheckpoint.findFirstOrThrow({ orderBy: { size: "desc" } });
    expect(page.checkpoint).toEqual({
      origin: "terrane/eu-central-1",
      size: Number(latest.size),
      root_hex: Buffer.from(latest.root).toString("hex"),
      signed_at: latest.createdAt.toISOString(),
      witnesses: 0,
    });
  });

  it("puts every processing country on the public map, the announced change's apart", async () => {
    const page = await trustPage();
    const byCode = Object.fromEntries(page.countries.map((c) => [c.code, c]));
    expect(Object.keys(byCode).sort()).toEqual(["DE", "IE", "US"]);
    expect(byCode.IE!.name).toBe("Ireland");
    expect(byCode.IE!.subprocessors).toContainEqual({ id: expect.any(String), name: "Intercom", upcoming: true });
    expect(byCode.US!.subprocessors.filter((s) => !s.upcoming).map((s) => s.name)).toEqual(
      expect.arrayContaining(["Postmark", "Snowflake Analytics", "Stripe", "Zendesk"]),
    );
    for (const c of page.countries) expect(countryPoint(c.code), c.code).not.toBeNull();
  });

  it("names no tenant, person, objection or reviewer's note", async () => {
    const change = await ctx.prisma.subprocessorChange.findFirstOrThrow({ where: { state: "announced" } });
    const tenant = await ctx.prisma.tenant.findFirstOrThrow({ where: { slug: "northwind-eu" } });
    await ctx.prisma.subprocessorObjection.create({
      data: {
        tenantId: tenant.id,
        changeId: change.id,
        subprocessorId: change.subprocessorId,
        raisedById: await ctx.userId(EU.northwindAdmin),
        reason: SECRET_OBJECTION,
        dueAt: new Date(Date.now() + 30 * 86_400_000),
      },
    });
    const text = JSON.stringify(await trustPage());
    const [tenants, users] = await Promise.all([
      ctx.prisma.tenant.findMany({ select: { slug: true, name: true } }),
      ctx.prisma.user.findMany({ select: { email: true, name: true } }),
    ]);
    expect(tenants.length).toBeGreaterThan(0);
    for (const t of tenants) {
      expect(text, t.slug).not.toContain(t.slug);
      expect(text, t.name).not.toContain(t.name);
    }
    for (const u of users) {
      expect(text, u.email).not.toContain(u.email);
      expect(text, u.name).not.toContain(u.name);
    }
    expect(text).not.toContain(SECRET_OBJECTION);
    expect(text).not.toContain(change.reviewNote!);
    expect(text).not.toContain(change.authorId);
    expect(text).not.toContain(change.reviewerId!);
  });

  it("the tenant's map marks the register's countries, with the tenant's data classes each receives", async () => {
    const actor = await ctx.session(EU.northwindAdmin);
    const map = await getTenantMap(actor, "northwind-eu", { surface: "page", path: "/t/northwind-eu/map" });
    const held = new Set(map.regions.flatMap((r) => r.data_classes));
    const us = map.countries.find((c) => c.code === "US");
    expect(us?.name).toBe("United States");
    const register = us!.recipients.filter((r) => r.source === "register");
    expect(register.map((r) => r.name)).toEqual(
      expect.arrayContaining(["Intercom", "Postmark", "Snowflake Analytics", "Stripe", "Zendesk"]),
    );
    expect(register.find((r) => r.name === "Intercom")).toMatchObject({ status: "announced" });
    // Northwind holds customer data, so the e-mail and support subprocessors receive some of it.
    expect(register.filter((r) => r.receives.length > 0).map((r) => r.name)).toEqual(
      expect.arrayContaining(["Postmark", "Zendesk"]),
    );
    const entries = await ctx.prisma.subprocessor.findMany({ where: { region: "eu-central-1" } });
    for (const r of register) {
      const entry = entries.find((e) => e.id === r.id)!;
      expect(r.receives, r.name).toEqual(entry.dataClasses.filter((c) => held.has(c)).sort());
    }
    // The register lists where each processes; the tenant's own places stay regions.
    for (const c of map.countries) expect(countryPoint(c.code), c.code).not.toBeNull();
    expect(map.regions.map((r) => r.id)).toContain("eu-central-1");
  });
});

describe("the trust page's register rows", () => {
  const names = trustNames({ data_class_names: { customer_pii: "Customer <personal> data" }, region_names: {} });
  const entry = {
    id: "acme",
    name: `Acme <script>alert("x")</script>`,
    legal_entity: "Acme & Co",
    service: "Mail",
    purpose: `Sends "mail" <b>only</b>`,
    data_classes: ["customer_pii"],
    locations: ["US"],
    storage_regions: [],
    transfer_mechanism: "sccs" as const,
    scc_module: 2,
    dpa_date: null,
    certifications: [],
    key_custody: [],
    website: `https://acme.example/dpa?a=1&b="2"`,
    status: "active" as const,
    effective_at: "2026-01-15T09:30:00.000Z",
  };

  it("escapes every stated fact and links only an https website", () => {
    const html = entryRowHtml(entry, names, (code) => code);
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<b>");
    expect(html).toContain(`<th scope="row">Acme &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</th>`);
    expect(html).toContain("Acme &amp; Co · Mail");
    expect(html).toContain("Customer &lt;personal&gt; data");
    expect(html).toContain(`<a href="https://acme.example/dpa?a=1&amp;b=&quot;2&quot;" rel="noreferrer">`);
    expect(html).toContain(`<time datetime="2026-01-15T09:30:00.000Z">15 January 2026 UTC</time>`);
    expect(html.match(/<td>/g)).toHaveLength(10);
    expect(entryRowHtml({ ...entry, website: "javascript:alert(1)" }, names, (c) => c)).not.toContain("<a ");
  });
});
