import type { RegionGovernanceView } from "@/modules/governance/api-schemas";
import { MetricsView, PeriodPicker } from "@/modules/governance/ui/metrics-view";
import { RegionTenantsTable } from "@/modules/governance/ui/region-tenants-table";

/** The region's governance page: the period, the region's figures (every tenant's summed), the per-tenant table. */
export function RegionGovernance({ view, problem }: { view: RegionGovernanceView; problem: string | null }) {
  const csvHref = `/api/v1/region/governance?from=${view.from}&to=${view.to}&format=csv`;
  return (
    <div className="mx-auto max-w-6xl space-y-6 p-4 sm:p-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Region governance</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          The residency figures of every tenant homed in {view.region}, computed here from the registers&apos;
          aggregates and snapshotted daily.
        </p>
      </header>
      <PeriodPicker view={view} today={view.generated_at.slice(0, 10)} problem={problem} csvHref={csvHref} />
      <section aria-labelledby="tenants-heading" className="space-y-3">
        <h2 id="tenants-heading" className="text-lg font-semibold">
          Tenants
        </h2>
        <RegionTenantsTable tenants={view.tenants} asOf={view.to} />
      </section>
      <MetricsView view={view} subject={`All tenants of ${view.region}`} />
    </div>
  );
}
