import { z } from "zod";

/**
 * The hosting tiers, once: their names, how the database spells them, their words and their
 * colours. Pure, so the server (registry, tenant scope, custody), the API and the UI (badge, map,
 * legend) all import the same list. The colours are the theme's `--color-tier-*` (app/globals.css).
 */
export const TIER_NAMES = ["managed", "customer-cloud", "sovereign"] as const;
export const tierSchema = z.enum(TIER_NAMES);
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

export interface TierLook {
  label: string;
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
    description: "Provider-run, region-locked, keys in the provider's HSM",
    // Text a shade darker (lighter in dark mode) than the tier colour, for 4.5:1 on the tint.
    badge: "border-tier-managed/40 bg-tier-managed/10 text-blue-800 dark:text-blue-200",
    fill: "fill-tier-managed",
  },
  "customer-cloud": {
    label: "Customer cloud",
    description: "In the customer's own cloud account, keys in the customer's KMS",
    badge: "border-tier-customer-cloud/40 bg-tier-customer-cloud/10 text-purple-800 dark:text-purple-200",
    fill: "fill-tier-customer-cloud",
  },
  sovereign: {
    label: "Sovereign",
    description: "National datacenter and national HSM, optionally air-gapped",
    badge: "border-tier-sovereign/40 bg-tier-sovereign/10 text-amber-900 dark:text-amber-200",
    fill: "fill-tier-sovereign",
  },
};
