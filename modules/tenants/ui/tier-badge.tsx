import type { TierName } from "@/modules/tenants/server/tier";

const STYLE: Record<TierName, string> = {
  // Text a shade darker (lighter in dark mode) than the tier colour, for 4.5:1 on the tint.
  managed: "border-tier-managed/40 bg-tier-managed/10 text-blue-800 dark:text-blue-200",
  "customer-cloud": "border-tier-customer-cloud/40 bg-tier-customer-cloud/10 text-purple-800 dark:text-purple-200",
  sovereign: "border-tier-sovereign/40 bg-tier-sovereign/10 text-amber-900 dark:text-amber-200",
};

export const TIER_DESCRIPTIONS: Record<TierName, string> = {
  managed: "Provider-run, region-locked, keys in the provider's HSM",
  "customer-cloud": "In the customer's own cloud account, keys in the customer's KMS",
  sovereign: "National datacenter and national HSM, optionally air-gapped",
};

export function TierBadge({ tier }: { tier: TierName }) {
  return (
    <span
      className={`inline-flex rounded border px-1.5 py-0.5 text-xs font-medium ${STYLE[tier]}`}
      title={TIER_DESCRIPTIONS[tier]}
    >
      {tier}
    </span>
  );
}
