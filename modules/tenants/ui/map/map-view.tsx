"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { CrossBorderTable } from "@/modules/lineage/ui/cross-border-table";
import { OUTCOME_STYLE } from "@/modules/lineage/ui/outcome-style";
import { CountryDetails } from "@/modules/tenants/ui/map/country-details";
import { COUNTRY_KEY, DIAMOND, DIAMOND_FILLED, DIAMOND_HOLLOW, MAP_ASPECT } from "@/modules/tenants/ui/map/marks";
import { RegionDetails } from "@/modules/tenants/ui/map/region-details";
import type { TenantMap } from "@/modules/tenants/server/map";
import { Button } from "@/components/ui/button";
import { formatCount } from "@/platform/format";
import { SortableTable } from "@/components/ui/sortable-table";
import type { Column } from "@/components/ui/table";
import { NO_TIER, TIER_NAMES, TIERS, tierLabel, tierPhrase, type TierName } from "@/platform/region/tier";

/** A row of the places table: a region on the map, or a decision's destination with no known region. */
interface Place {
  key: string;
  name: string;
  tier: string;
  why: string;
  stores: string;
  dataClasses: string;
  subprocessors: string;
}

const PLACE_COLUMNS: Column<Place>[] = [
  { key: "region", header: "Region", rowHeader: true, cell: (p) => p.name, sortValue: (p) => p.name },
  { key: "tier", header: "Tier", cell: (p) => p.tier, sortValue: (p) => p.tier },
  { key: "why", header: "Why it is here", cell: (p) => p.why },
  { key: "stores", header: "Stores", cell: (p) => p.stores },
  { key: "classes", header: "Data classes", cell: (p) => p.dataClasses },
  { key: "subprocessors", header: "Subprocessors", cell: (p) => p.subprocessors },
];

const REFRESH_MS = 15_000;

// The land and the projection are the page's heaviest code: the map loads after the page, in a
// box of its own size, and the table view never loads it.
const WorldMap = dynamic(() => import("@/modules/tenants/ui/map/world-map").then((m) => m.WorldMap), {
  ssr: false,
  loading: () => (
    <div
      role="status"
      style={{ aspectRatio: MAP_ASPECT }}
      className="w-full animate-pulse rounded-lg border border-slate-200 bg-sky-50 dark:border-slate-800 dark:bg-slate-900"
    >
      <span className="sr-only">Loading the map…</span>
    </div>
  ),
});

/** The region map page: the map with its details panel, or the same facts as tables. */
export function MapView({ map }: { map: TenantMap }) {
  const [selected, setSelected] = useState<string | null>(map.tenant.home_region);
  const [view, setView] = useState<"map" | "table">("map");
  const router = useRouter();
  // The facts are read on the server; refreshing the route keeps the map moving with the lineage.
  useEffect(() => {
    const t = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(t);
  }, [router]);
  const region = map.regions.find((r) => r.id === selected) ?? null;
  const country = selected?.startsWith(COUNTRY_KEY)
    ? (map.countries.find((c) => `${COUNTRY_KEY}${c.code}` === selected) ?? null)
    : null;
  // The legend names only the tiers on this tenant's map: the tenant's own.
  const legendTiers: TierName[] = TIER_NAMES.filter((t) => map.regions.some((r) => r.tier === t));
  const violations = map.flows.reduce((n, f) => n + f.outcomes.violation, 0);
  const nameOf = (key: string) => map.data_classes[key]?.name ?? key;
  const names = (keys: string[]) => keys.map(nameOf).join(", ");
  const places: Place[] = [
    ...map.regions.map((r) => ({
      key: r.id,
      name: `${r.id} (${r.city})`,
      tier: tierLabel(r.tier),
      why: r.roles.join(", "),
      stores: r.stores.map((s) => s.name).join(", ") || "—",
      dataClasses: names(r.data_classes) || "—",
      subprocessors: r.subprocessors.join(", ") || "—",
    })),
    ...map.countries.map((c) => ({
      key: `${COUNTRY_KEY}${c.code}`,
      name: `${c.name} (${c.code})`,
      tier: "—",
      why: "subprocessor country",
      stores: "—",
      dataClasses: names([...new Set(c.recipients.flatMap((r) => r.receives))].sort()) || "—",
      subprocessors: c.recipients.map((r) => r.name).join(", "),
    })),
    ...map.unplaced.map((u) => ({
      key: `unplaced:${u.label}`,
      name: u.location ?? "unknown place",
      tier: "—",
      why: `destination of a decision: ${u.label}`,
      stores: "—",
      dataClasses: "—",
      subprocessors: "—",
    })),
  ];
  return (
    <div className="mx-auto max-w-7xl space-y-4 p-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Region map</h1>
        <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          Where {map.tenant.name}&apos;s data lives: its home region {map.tenant.home_region}, every region its stores,
          lineage and decisions name, the flows between them, and the countries where the region&apos;s subprocessors
          process.
        </p>
        <p className="text-sm" data-testid="map-findings">
          {violations === 0 ? (
            "No border-crossing flow violates a decision."
          ) : (
            <strong className="text-red-700 dark:text-red-300">
              {formatCount(violations)} border-crossing flow{violations === 1 ? "" : "s"} with no decision allowing{" "}
              {violations === 1 ? "it" : "them"}.
            </strong>
          )}
          {` ${formatCount(map.open_violations)} open violation alert${map.open_violations === 1 ? "" : "s"}.`}
          {map.unknown_region_datasets > 0 &&
            ` ${formatCount(map.unknown_region_datasets)} datasets have no known region.`}
        </p>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label="Legend">
          {legendTiers.map((k) => (
            <li key={k} className="inline-flex items-center gap-1">
              <svg aria-hidden width="12" height="12">
                <circle cx="6" cy="6" r="5" className={TIERS[k].fill} />
              </svg>
              {tierPhrase(k)}
            </li>
          ))}
          {map.regions.some((r) => r.tier === null) && (
            <li className="inline-flex items-center gap-1" title={NO_TIER.description}>
              <svg aria-hidden width="12" height="12">
                <circle cx="6" cy="6" r="5" className={NO_TIER.fill} />
              </svg>
              {NO_TIER.label} (not the home region)
            </li>
          )}
          <li className="inline-flex items-center gap-1">
            <svg aria-hidden width="14" height="14">
              <circle cx="7" cy="7" r="6" fill="none" stroke="currentColor" strokeWidth="2" />
            </svg>
            Home region (ringed)
          </li>
          <li className="inline-flex items-center gap-1">
            <svg aria-hidden width="14" height="14" viewBox="-9 -9 18 18">
              <path d={DIAMOND} className={DIAMOND_FILLED} strokeWidth={2} />
            </svg>
            Subprocessor country, receives your data
          </li>
          <li className="inline-flex items-center gap-1">
            <svg aria-hidden width="14" height="14" viewBox="-9 -9 18 18">
              <path d={DIAMOND} className={DIAMOND_HOLLOW} strokeWidth={2} />
            </svg>
            Subprocessor country, none of your data
          </li>
          {(["allowed", "allowed_with_condition", "violation", "unknown_region"] as const).map((o) => (
            <li key={o} className="inline-flex items-center gap-1">
              <svg aria-hidden width="24" height="8">
                <line
                  x1="0"
                  y1="4"
                  x2="24"
                  y2="4"
                  stroke={OUTCOME_STYLE[o].stroke}
                  strokeWidth={OUTCOME_STYLE[o].width}
                  strokeDasharray={OUTCOME_STYLE[o].dash}
                />
              </svg>
              {OUTCOME_STYLE[o].label}
            </li>
          ))}
        </ul>
        <div role="group" aria-label="View" className="flex gap-1">
          <Button aria-pressed={view === "map"} onClick={() => setView("map")}>
            Map
          </Button>
          <Button aria-pressed={view === "table"} onClick={() => setView("table")}>
            Table
          </Button>
        </div>
      </div>
      {view === "map" ? (
        <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
          <WorldMap map={map} selected={selected} onSelect={setSelected} />
          <aside
            aria-label="Region details"
            aria-live="polite"
            className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
          >
            {country ? (
              <CountryDetails country={country} nameOf={nameOf} />
            ) : (
              <RegionDetails region={region} nameOf={nameOf} />
            )}
          </aside>
        </div>
      ) : (
        <div className="space-y-6">
          <SortableTable
            data-testid="map-region-table"
            caption="Where the data lives"
            captionVisible
            columns={PLACE_COLUMNS}
            rows={places}
            rowKey={(p) => p.key}
            empty="No places known yet."
          />
          <CrossBorderTable
            pairs={map.flows.map((f) => ({ ...f, data_classes: f.data_classes.map(nameOf) }))}
            caption="Flows that cross a border, per region pair"
          />
        </div>
      )}
    </div>
  );
}
