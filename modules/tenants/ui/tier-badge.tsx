import type { TierName } from "@/modules/tenants/server/tier";

const STYLE: Record<TierName, string> = {
  managed: "border-tier-managed/40 bg-tier-managed/10 text-tier-managed",
  "customer-cloud": "border-tier-customer-cloud/40 bg-tier-customer-cloud/10 text-tier-customer-cloud",
  sovereign: "border-tier-sovereign/40 bg-tier-sovereign/10 text-tier-sovereign",
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
