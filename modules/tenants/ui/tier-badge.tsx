import { Badge } from "@/components/ui/badge";
import { TIERS, type TierName } from "@/platform/region/tier";

/** One line per tier, for the places that explain the tiers in words. */
export const TIER_DESCRIPTIONS: Record<TierName, string> = {
  managed: TIERS.managed.description,
  "customer-cloud": TIERS["customer-cloud"].description,
  sovereign: TIERS.sovereign.description,
};

export function TierBadge({ tier }: { tier: TierName }) {
  return (
    <Badge className={TIERS[tier].badge} title={TIERS[tier].description}>
      {tier}
    </Badge>
  );
}
