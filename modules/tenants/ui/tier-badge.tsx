import { Badge } from "@/components/ui/badge";
import { TIERS, type TierName } from "@/platform/region/tier";

/** A tier's label in its colours (platform/region/tier.ts), its description on hover. */
export function TierBadge({ tier }: { tier: TierName }) {
  return (
    <Badge className={TIERS[tier].badge} title={TIERS[tier].description}>
      {TIERS[tier].label}
    </Badge>
  );
}
