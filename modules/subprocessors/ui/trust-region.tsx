import { TierBadge } from "@/modules/tenants/ui/tier-badge";
import { TIERS } from "@/platform/region/tier";
import type { TrustRegion } from "@/modules/subprocessors/server/trust-page";
import { Fact, TrustSection } from "@/modules/subprocessors/ui/trust-section";

/** The region: where it runs, the law it answers to, and the hosting tiers it offers. */
export function TrustRegionFacts({ region }: { region: TrustRegion }) {
  return (
    <TrustSection id="trust-region" title="The region">
      <dl className="space-y-2 text-sm" data-testid="trust-region">
        <Fact term="Name">{region.name}</Fact>
        <Fact term="Region id">
          <code className="font-mono">{region.id}</code>
        </Fact>
        <Fact term="Location">
          {region.city}, {region.country_name}
        </Fact>
        <Fact term="Jurisdiction">{region.jurisdiction}</Fact>
      </dl>
      <h3 className="mt-6 font-semibold">Hosting tiers offered</h3>
      <ul className="mt-2 grid gap-3 sm:grid-cols-3" data-testid="trust-tiers">
        {region.tiers.map((tier) => (
          <li
            key={tier}
            className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
          >
            <TierBadge tier={tier} />
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{TIERS[tier].description}.</p>
          </li>
        ))}
      </ul>
    </TrustSection>
  );
}
