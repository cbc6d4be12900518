import type { Tier } from "@/platform/db/generated/prisma/enums";

export type TierName = "managed" | "customer-cloud" | "sovereign";

/** The database spells the enum for Prisma; the product and its APIs spell it with a hyphen. */
export function tierName(tier: Tier): TierName {
  return tier === "customer_cloud" ? "customer-cloud" : tier;
}

export function tierFromName(name: TierName): Tier {
  return name === "customer-cloud" ? "customer_cloud" : name;
}
