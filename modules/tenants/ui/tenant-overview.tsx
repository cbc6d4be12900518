import Link from "next/link";
import { AlertTriangle, Home, ShieldAlert } from "lucide-react";
import { DataClassChip } from "@/modules/tenants/ui/data-class-chip";
import { TierBadge } from "@/modules/tenants/ui/tier-badge";
import { NO_TIER, TIERS } from "@/platform/region/tier";
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

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** What puts data in a region, in words: "2 stores and 3 datasets (lineage)". */
function holdings(group: RegionStores): string {
  const parts = [];
  if (group.stores.length > 0) parts.push(plural(group.stores.length, "store"));
  if (group.datasets > 0) parts.push(`${plural(group.datasets, "dataset")} (lineage)`);
  return parts.join(" and ");
}

function RegionSection({ group }: { group: RegionStores }) {
  const region = findRegion(group.region);
  const isHome = group.home;
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
        {group.tier ? (
          <TierBadge tier={group.tier} />
        ) : (
          <span className="text-xs text-slate-500" title={NO_TIER.description}>
            {NO_TIER.label}
          </span>
        )}
        {region && <span className="text-xs text-slate-500">{region.jurisdiction}</span>}
        <span className="ml-auto text-xs text-slate-600 dark:text-slate-400" data-testid="region-holdings">
          {holdings(group)}
        </span>
      </header>
      {group.data_classes.length > 0 && (
        <div className="flex flex-wrap items-center gap-1 border-b border-slate-200 px-4 py-2 text-xs dark:border-slate-800">
          <span className="mr-1 text-slate-600 dark:text-slate-400">Data classes held here:</span>
          {group.data_classes.map((d) => (
            <DataClassChip key={d.key} name={d.name} sensitivity={d.sensitivity} />
          ))}
        </div>
      )}
      <Table
        caption={`Stores in ${group.region}`}
        framed={false}
        rows={group.stores}
        rowKey={(s) => s.id}
        rowProps={(s) => ({ "data-store": s.name })}
        empty={
          group.datasets > 0
            ? `No store in the inventory here, but the lineage places ${plural(group.datasets, "dataset")} in ${group.region}.`
            : "No stores reported in this region."
        }
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

/** Open border violations, in words, with the way to them; or that there are none. */
function ViolationsNotice({ overview }: { overview: TenantOverview }) {
  const { open_violations: open, tenant } = overview;
  if (open === 0)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="open-violations">
        No open border violations.
      </p>
    );
  return (
    <div
      role="status"
      data-testid="open-violations"
      className="flex flex-wrap items-center gap-2 rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <ShieldAlert aria-hidden className="size-4" />
      <strong>{plural(open, "open border violation")}</strong>
      <span>: data crossed a border with no sharing decision allowing it.</span>
      <Link href={`/t/${tenant.slug}/lineage#violations`} className="font-medium underline">
        See the violating flows in Lineage
      </Link>
    </div>
  );
}

/** The regions outside the home region that hold data, named, or that there are none. */
function AbroadNotice({ overview }: { overview: TenantOverview }) {
  const abroad = overview.regions.filter((r) => !r.home);
  if (abroad.length === 0)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="regions-abroad">
        All of the tenant&apos;s data is in its home region, {overview.tenant.home_region}.
      </p>
    );
  return (
    <p className="text-sm text-amber-900 dark:text-amber-200" data-testid="regions-abroad">
      <AlertTriangle aria-hidden className="mr-1 inline size-4 align-text-bottom" />
      Data is held outside the home region {overview.tenant.home_region} in{" "}
      {abroad.map((r, i) => (
        <span key={r.region}>
          {i > 0 && (i === abroad.length - 1 ? " and " : ", ")}
          <a href={`#region-${r.region}`} className="font-medium underline">
            {r.region}
          </a>{" "}
          ({holdings(r)})
        </span>
      ))}
      .
    </p>
  );
}

/**
 * The residency picture of one tenant (modules/residency, as the map, lineage and attestations
 * read it): every region holding its data by inventory or lineage, what each holds, the open
 * violations.
 */
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
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6">
        <Stat label="Regions holding data" value={formatCount(regions.length)} />
        <Stat label="Open violations" value={formatCount(overview.open_violations)} />
        <Stat label="Stores" value={formatCount(totals.stores)} />
        <Stat label="Data classes" value={formatCount(totals.data_classes)} />
        <Stat label="Records" value={formatCount(totals.records)} />
        <Stat label="Stored" value={formatBytes(totals.size_bytes)} />
      </dl>
      <div className="space-y-2">
        <ViolationsNotice overview={overview} />
        <AbroadNotice overview={overview} />
        {overview.unknown_region_datasets > 0 && (
          <p className="text-sm text-amber-900 dark:text-amber-200" data-testid="unknown-region">
            {plural(overview.unknown_region_datasets, "dataset")} in the lineage with no known region.
          </p>
        )}
      </div>
      <div className="space-y-4">
        <h2 className="text-lg font-semibold">Data by region</h2>
        {regions.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-500 dark:border-slate-700">
            Neither the data plane&apos;s store inventory nor the lineage places any of this tenant&apos;s data yet.
          </p>
        ) : (
          regions.map((group) => <RegionSection key={group.region} group={group} />)
        )}
      </div>
    </div>
  );
}
