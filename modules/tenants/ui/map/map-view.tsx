"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { CrossBorderTable } from "@/modules/lineage/ui/cross-border-table";
import { OUTCOME_STYLE } from "@/modules/lineage/ui/outcome-style";
import { RegionDetails } from "@/modules/tenants/ui/map/region-details";
import { TIER_COLOUR, WorldMap } from "@/modules/tenants/ui/map/world-map";
import type { TenantMap } from "@/modules/tenants/server/map";

const REFRESH_MS = 15_000;

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
  const violations = map.flows.reduce((n, f) => n + f.outcomes.violation, 0);
  const button = "rounded-md border border-slate-300 px-2.5 py-1 text-sm dark:border-slate-700";
  return (
    <div className="mx-auto max-w-7xl space-y-4 p-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Region map</h1>
        <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          Where {map.tenant.name}&apos;s data lives: its home region {map.tenant.home_region}, every region its stores,
          lineage and decisions name, and the flows between them.
        </p>
        <p className="text-sm" data-testid="map-findings">
          {violations === 0 ? (
            "No border-crossing flow violates a decision."
          ) : (
            <strong className="text-red-700 dark:text-red-300">
              {violations} border-crossing flow{violations === 1 ? "" : "s"} with no decision allowing{" "}
              {violations === 1 ? "it" : "them"}.
            </strong>
          )}
          {map.unknown_region_datasets > 0 && ` ${map.unknown_region_datasets} datasets have no known region.`}
        </p>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label="Legend">
          {Object.entries(TIER_COLOUR).map(([k, t]) => (
            <li key={k} className="inline-flex items-center gap-1">
              <svg aria-hidden width="12" height="12">
                <circle cx="6" cy="6" r="5" fill={t.fill} />
              </svg>
              {t.label} tier
            </li>
          ))}
          <li className="inline-flex items-center gap-1">
            <svg aria-hidden width="14" height="14">
              <circle cx="7" cy="7" r="6" fill="none" stroke="currentColor" strokeWidth="2" />
            </svg>
            Home region (ringed)
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
          <button
            type="button"
            aria-pressed={view === "map"}
            className={`${button} ${view === "map" ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900" : ""}`}
            onClick={() => setView("map")}
          >
            Map
          </button>
          <button
            type="button"
            aria-pressed={view === "table"}
            className={`${button} ${view === "table" ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900" : ""}`}
            onClick={() => setView("table")}
          >
            Table
          </button>
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
            <RegionDetails region={region} />
          </aside>
        </div>
      ) : (
        <div className="space-y-6">
          <div className="overflow-x-auto" tabIndex={0}>
            <table className="min-w-full text-sm" data-testid="map-region-table">
              <caption className="mb-1 text-left font-semibold">Where the data lives</caption>
              <thead className="text-left text-slate-500">
                <tr>
                  <th scope="col" className="p-2">
                    Region
                  </th>
                  <th scope="col" className="p-2">
                    Tier
                  </th>
                  <th scope="col" className="p-2">
                    Why it is here
                  </th>
                  <th scope="col" className="p-2">
                    Stores
                  </th>
                  <th scope="col" className="p-2">
                    Data classes
                  </th>
                  <th scope="col" className="p-2">
                    Subprocessors
                  </th>
                </tr>
              </thead>
              <tbody>
                {map.regions.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100 dark:border-slate-800">
                    <th scope="row" className="p-2 text-left font-normal">
                      {r.id} ({r.city})
                    </th>
                    <td className="p-2">{TIER_COLOUR[r.tier].label}</td>
                    <td className="p-2">{r.roles.join(", ")}</td>
                    <td className="p-2">{r.stores.map((s) => s.name).join(", ") || "—"}</td>
                    <td className="p-2">{r.data_classes.join(", ") || "—"}</td>
                    <td className="p-2">{r.subprocessors.join(", ") || "—"}</td>
                  </tr>
                ))}
                {map.unplaced.map((u) => (
                  <tr key={u.label} className="border-t border-slate-100 dark:border-slate-800">
                    <th scope="row" className="p-2 text-left font-normal">
                      {u.location ?? "unknown place"}
                    </th>
                    <td className="p-2">—</td>
                    <td className="p-2">destination of a decision: {u.label}</td>
                    <td className="p-2">—</td>
                    <td className="p-2">—</td>
                    <td className="p-2">—</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CrossBorderTable pairs={map.flows} caption="Flows that cross a border, per region pair" />
        </div>
      )}
    </div>
  );
}
