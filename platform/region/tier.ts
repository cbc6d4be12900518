/**
 * The hosting tiers, once: their names, how the database spells them, their words and their
 * colours. Pure, so the server (registry, tenant scope, custody), the API and the UI (badge, map,
 * legend, tables) all import the same list. The colours are the theme's `--color-tier-*`
 * (app/globals.css); tests/region/tier-palette.test.ts fails when a tier's colour or label is
 * written anywhere else. The zod schema of a tier name is tier-schema.ts's, so that the pages
 * importing the palette do not bring zod into the browser.
 */
export const TIER_NAMES = ["managed", "customer-cloud", "sovereign"] as const;
/** The product's and the API's spelling. */
export type TierName = (typeof TIER_NAMES)[number];
/** The database enum's spelling (Prisma identifiers cannot hold a hyphen). */
export type StoredTier = "managed" | "customer_cloud" | "sovereign";

export function tierName(tier: StoredTier): TierName {
  return tier === "customer_cloud" ? "customer-cloud" : tier;
}

export function tierFromName(name: TierName): StoredTier {
  return name === "customer-cloud" ? "customer_cloud" : name;
}

/**
 * The tier a tenant uses in a region, or null: a tenant's tier (its `tenants` row, kept in its home
 * region) applies in its home region; elsewhere Terrane records no tier for it, so a page shows
 * none. Never the tiers a region offers (config/regions.json): the GCC tenant's map must not call
 * eu-central-1 "Customer cloud" because that region offers it.
 */
export function tenantTierIn<T extends string>(tenant: { tier: T; home_region: string }, region: string): T | null {
  return region === tenant.home_region ? tenant.tier : null;
}

export interface TierLook {
  label: string;
  /** The colour itself: app/globals.css's `--color-tier-*` must say the same (a test checks). */
  colour: string;
  description: string;
  /** A badge's border, tint and text. */
  badge: string;
  /** An SVG shape's fill (map markers, legend swatches). */
  fill: string;
}

// Whole class names, spelled out, so Tailwind finds them in this file.
export const TIERS: Record<TierName, TierLook> = {
  managed: {
    label: "Managed",
    colour: "#2563eb",
    description: "Provider-run, region-locked, keys in the provider's HSM",
    // Text a shade darker (lighter in dark mode) than the tier colour, for 4.5:1 on the tint.
    badge: "border-tier-managed/40 bg-tier-managed/10 text-blue-800 dark:text-blue-200",
    fill: "fill-tier-managed",
  },
  "customer-cloud": {
    label: "Customer cloud",
    colour: "#9333ea",
    description: "In the customer's own cloud account, keys in the customer's KMS",
    badge: "border-tier-customer-cloud/40 bg-tier-customer-cloud/10 text-purple-800 dark:text-purple-200",
    fill: "fill-tier-customer-cloud",
  },
  sovereign: {
    label: "Sovereign",
    colour: "#b45309",
    description: "National datacenter and national HSM, optionally air-gapped",
    badge: "border-tier-sovereign/40 bg-tier-sovereign/10 text-amber-900 dark:text-amber-200",
    fill: "fill-tier-sovereign",
  },
};

/** A region where the tenant has no tier: the map's marker and its legend swatch, the tables' cell. */
export const NO_TIER = {
  label: "No tier",
  description: "The tenant's tier is recorded for its home region only; here its data is held or sent, not hosted",
  fill: "fill-slate-400 dark:fill-slate-500",
} as const;

/** A tier's label, or the no-tier one: a table cell. */
export function tierLabel(tier: TierName | null): string {
  return tier ? TIERS[tier].label : NO_TIER.label;
}

/** A tier in a sentence ("Sovereign tier"), or "No tier". */
export function tierPhrase(tier: TierName | null): string {
  return tier ? `${TIERS[tier].label} tier` : NO_TIER.label;
}

/** A map marker's or legend swatch's fill class. */
export function tierFill(tier: TierName | null): string {
  return tier ? TIERS[tier].fill : NO_TIER.fill;
}
