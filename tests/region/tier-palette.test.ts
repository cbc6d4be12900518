/**
 * Tiers have one palette and one wording, platform/region/tier.ts, and a tenant's map labels a
 * region with the tier the tenant uses there or none (issue 15, item 2).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assembleTenantMap, type TenantMapInputs } from "@/modules/tenants/server/map";
import { composeResidencyPicture } from "@/modules/residency/domain/picture";
import { findRegion } from "@/platform/region/registry";
import { tenantTierIn, tierName, TIER_NAMES, TIERS, type TierName } from "@/platform/region/tier";
import { TENANTS } from "@/prisma/seed/world";

const ROOT = path.resolve(__dirname, "../..");
const SOURCE_DIRS = ["app", "modules", "components", "platform", "cli"];
const THE_SOURCE = "platform/region/tier.ts";
const THEME = "app/globals.css";

function sourceFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(ROOT, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name.startsWith(".") ? [] : sourceFiles(rel);
    return /\.(tsx?|css)$/.test(e.name) ? [rel] : [];
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const TIER_KEYS = "(?:managed|customer[-_]cloud|sovereign)";

/**
 * What would be a second definition of a tier's look or words, in one file's text: a tier's colour
 * (tier.ts's hex values), a Tailwind class of the theme's tier colours, a tier's label or
 * description as a literal, or a table keyed by tier names whose values are colours or classes.
 * The theme's own `--color-tier-*` lines are where Tailwind needs the colours; they are checked
 * against tier.ts below, so they are not counted here.
 */
function secondDefinitions(text: string): string[] {
  const found: string[] = [];
  const lines = text.split("\n");
  const colours = TIER_NAMES.map((t) => TIERS[t].colour.toLowerCase());
  const labels = TIER_NAMES.flatMap((t) => [TIERS[t].label, TIERS[t].description]);
  const rules: { why: string; re: RegExp }[] = [
    { why: "a tier's colour", re: new RegExp(colours.map(escape).join("|"), "i") },
    { why: "a tier colour class", re: new RegExp(`(?<![-\\w])[\\w:-]*-tier-${TIER_KEYS}\\b`) },
    {
      why: "a tier's label or description as a literal",
      re: new RegExp(`(["'\`>])\\s*(?:${labels.map(escape).join("|")})(?: tier)?\\s*(["'\`<])`),
    },
    {
      why: "a colour table keyed by tier",
      re: new RegExp(
        `["']?${TIER_KEYS}["']?\\s*:\\s*(?:\\{[^}]*?)?["'\`](?:#[0-9a-f]{3,8}|[^"'\`]*\\b(?:bg|fill|stroke|text|border)-[a-z]+-\\d{2,3})`,
        "i",
      ),
    },
  ];
  lines.forEach((line, i) => {
    if (/^\s*--color-tier-/.test(line)) return;
    for (const { why, re } of rules) if (re.test(line)) found.push(`line ${i + 1}: ${why}: ${line.trim()}`);
  });
  return found;
}

describe("the tier palette has one source", () => {
  const files = SOURCE_DIRS.flatMap(sourceFiles);

  it("finds the source tree (so an empty scan cannot pass)", () => {
    expect(files).toContain(THE_SOURCE);
    expect(files).toContain("modules/tenants/ui/map/world-map.tsx");
    expect(files.length).toBeGreaterThan(200);
  });

  it("no file but platform/region/tier.ts defines a tier's colour, colour class, label or description", () => {
    const offenders = files
      .filter((f) => f !== THE_SOURCE)
      .flatMap((f) => secondDefinitions(readFileSync(path.join(ROOT, f), "utf8")).map((hit) => `${f} ${hit}`));
    expect(offenders).toEqual([]);
  });

  it("fails on a second definition: the check flags each kind of one", () => {
    expect(secondDefinitions(`const MARKER = { sovereign: "#7c3aed" };`)).toHaveLength(1);
    expect(secondDefinitions(`const FILL = "#9333EA";`)).toHaveLength(1);
    expect(secondDefinitions(`<circle className="fill-tier-sovereign" />`)).toHaveLength(1);
    expect(secondDefinitions(`const badge = { "customer-cloud": "bg-purple-100 text-purple-800" };`)).toHaveLength(1);
    expect(secondDefinitions(`<span>Customer cloud</span>`)).toHaveLength(1);
    expect(secondDefinitions(`const label = "Sovereign tier";`)).toHaveLength(1);
    // Tier names as values (the API's spelling, a comparison) are not a palette.
    expect(secondDefinitions(`if (tier === "sovereign") return tierLabel(tier);`)).toEqual([]);
    expect(secondDefinitions(`  --color-tier-sovereign: #b45309;`)).toEqual([]);
  });

  it("the theme's --color-tier-* say the colours tier.ts says, and tier.ts uses the theme's classes", () => {
    const css = readFileSync(path.join(ROOT, THEME), "utf8");
    const theme = Object.fromEntries(
      [...css.matchAll(/--color-tier-([a-z-]+):\s*(#[0-9a-f]{3,8})/gi)].map((m) => [m[1], m[2]!.toLowerCase()]),
    );
    expect(theme).toEqual(Object.fromEntries(TIER_NAMES.map((t) => [t, TIERS[t].colour.toLowerCase()])));
    for (const t of TIER_NAMES) {
      expect(TIERS[t].fill).toBe(`fill-tier-${t}`);
      expect(TIERS[t].badge).toContain(`bg-tier-${t}/10`);
      expect(TIERS[t].badge).toMatch(/ dark:text-/);
    }
    expect(new Set(TIER_NAMES.map((t) => TIERS[t].label)).size).toBe(TIER_NAMES.length);
  });
});

describe("a region is labelled with the tenant's tier there, or none", () => {
  const seed = (slug: string) => TENANTS.find((t) => t.slug === slug)!;

  const inputs = (slug: string, lineageRegions: string[]): TenantMapInputs => {
    const t = seed(slug);
    return {
      tenant: { slug: t.slug, name: t.name, tier: tierName(t.tier), home_region: t.homeRegion },
      picture: composeResidencyPicture({
        tenant: { tier: tierName(t.tier), home_region: t.homeRegion },
        stores: t.stores.map((s) => ({
          id: s.name,
          name: s.name,
          kind: s.kind,
          engine: s.engine,
          region: s.region ?? t.homeRegion,
          record_count: null,
          size_bytes: null,
          counts_reported_at: null,
          data_classes: [...s.dataClasses].sort(),
        })),
        placements: lineageRegions.map((region) => ({
          region,
          subprocessor: null,
          datasets: 2,
          data_classes: ["business_records"],
        })),
        flows: [],
        openViolations: 0,
        register: [],
      }),
      decisions: [],
      now: new Date("2026-12-01T00:00:00Z"),
      register: [],
    };
  };
  const tiers = (slug: string, lineageRegions: string[]) =>
    Object.fromEntries(assembleTenantMap(inputs(slug, lineageRegions)).regions.map((r) => [r.id, r.tier]));

  it("the seed's GCC tenant: sovereign at home (me-central-1); eu-central-1 has no tier, though it offers customer cloud", () => {
    expect(seed("northwind-gcc")).toMatchObject({ homeRegion: "me-central-1", tier: "sovereign" });
    // The region registry's default no longer leaks in: eu-central-1 offers customer cloud.
    expect(findRegion("eu-central-1")?.tiers).toContain("customer-cloud");
    expect(tiers("northwind-gcc", ["eu-central-1"])).toEqual({ "me-central-1": "sovereign", "eu-central-1": null });
  });

  it("the seed's EU tenant: managed at home (eu-central-1); its DR store's us-east-1 and a lineage region have none", () => {
    expect(seed("northwind-eu")).toMatchObject({ homeRegion: "eu-central-1", tier: "managed" });
    expect(seed("northwind-eu").stores.find((s) => s.name === "dr-backup-replica")?.region).toBe("us-east-1");
    expect(tiers("northwind-eu", ["me-central-1"])).toEqual({
      "eu-central-1": "managed",
      "us-east-1": null,
      "me-central-1": null,
    });
  });

  it("tenantTierIn: the tenant's tier at home, null elsewhere, whatever the region offers", () => {
    const za = seed("northwind-za");
    const tenant = { tier: tierName(za.tier), home_region: za.homeRegion };
    expect(tenantTierIn(tenant, "af-south-1")).toBe<TierName>("customer-cloud");
    for (const other of ["eu-central-1", "me-central-1", "us-east-1"]) expect(tenantTierIn(tenant, other)).toBeNull();
  });
});
