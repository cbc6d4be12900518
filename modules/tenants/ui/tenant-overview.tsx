import { AlertTriangle, Home } from "lucide-react";
import { DataClassChip } from "@/modules/tenants/ui/data-class-chip";
import { TierBadge } from "@/modules/tenants/ui/tier-badge";
import { TIERS } from "@/platform/region/tier";
import type { RegionStores, TenantOverview } from "@/modules/tenants/server/overview";
import { formatBytes, formatCount, humanize } from "@/platform/format";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { findRegion } from "@/platform/region/registry";

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

function RegionSection({ group, homeRegion }: { group: RegionStores; homeRegion: string }) {
  const region = findRegion(group.region);
  const isHome = group.region === homeRegion;
  const headingId = `region-${group.region}`;
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      data-region={group.region}
    >
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <h3 id={headingId} className="font-semibold">
          {region?.name ?? group.region} <span className="font-mono text-sm text-slate-500">{group.region}</span>
        </h3>
        {isHome ? (
          <span className="inline-flex items-center gap-1 rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-700 dark:bg-brand-700/25 dark:text-brand-100">
            <Home aria-hidden className="size-3" /> Home region
          </span>
        ) : (
          <span className="inline-flex items-center gap-1 rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-800 dark:bg-amber-950 dark:text-amber-200">
            <AlertTriangle aria-hidden className="size-3" /> Outside the home region
          </span>
        )}
        {region && <span className="text-xs text-slate-500">{region.jurisdiction}</span>}
      </header>
      <Table
        caption={`Stores in ${group.region}`}
        framed={false}
        rows={group.stores}
        rowKey={(s) => s.id}
        rowProps={(s) => ({ "data-store": s.name })}
        empty="No stores reported in this region."
        columns={[
          {
            key: "store",
            header: "Store",
            rowHeader: true,
            className: "font-medium",
            cell: (s) => (
              <>
                {s.name}
                <div className="text-xs font-normal text-slate-500">{s.engine}</div>
              </>
            ),
          },
          { key: "kind", header: "Kind", cell: (s) => humanize(s.kind) },
          {
            key: "classes",
            header: "Data classes",
            cell: (s) => (
              <div className="flex flex-wrap gap-1">
                {s.data_classes.length === 0 ? (
                  <span className="text-slate-400">none declared</span>
                ) : (
                  s.data_classes.map((d) => <DataClassChip key={d.key} name={d.name} sensitivity={d.sensitivity} />)
                )}
              </div>
            ),
          },
          {
            key: "records",
            header: "Records",
            align: "right",
            className: "whitespace-nowrap",
            cell: (s) => formatCount(s.record_count),
          },
          {
            key: "size",
            header: "Size",
            align: "right",
            className: "whitespace-nowrap",
            cell: (s) => formatBytes(s.size_bytes),
          },
          {
            key: "reported",
            header: "Counts reported",
            className: "whitespace-nowrap text-slate-500",
            cell: (s) => <Time iso={s.counts_reported_at} />,
          },
        ]}
      />
    </section>
  );
}

/** The residency picture of one tenant: where each store is and which classes of data it holds. */
export function TenantOverviewView({ overview }: { overview: TenantOverview }) {
  const { tenant, regions, totals } = overview;
  const home = findRegion(tenant.home_region);
  return (
    <div className="space-y-6 p-6">
      <div>
        <p className="text-sm text-slate-500">{tenant.organisation.name}</p>
        <h1 className="text-2xl font-semibold">{tenant.name}</h1>
        <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
          <TierBadge tier={tenant.tier} />
          <span>{TIERS[tenant.tier].description}.</span>
          <span>
            Homed in <strong data-testid="home-region">{tenant.home_region}</strong>
            {home ? ` (${home.city}, ${home.jurisdiction})` : ""}.
          </span>
        </p>
      </div>
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <Stat label="Stores" value={formatCount(totals.stores)} />
        <Stat label="Regions holding data" value={formatCount(regions.length)} />
        <Stat label="Data classes" value={formatCount(totals.data_classes)} />
        <Stat label="Records" value={formatCount(totals.records)} />
        <Stat label="Stored" value={formatBytes(totals.size_bytes)} />
      </dl>
      <div className="space-y-4">
        <h2 className="text-lg font-semibold">Stores by region</h2>
        {regions.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-500 dark:border-slate-700">
            The data plane has not reported any stores for this tenant yet.
          </p>
        ) : (
          regions.map((group) => <RegionSection key={group.region} group={group} homeRegion={tenant.home_region} />)
        )}
      </div>
    </div>
  );
}
