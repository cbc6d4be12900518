"use client";

import type { LineString } from "geojson";
import { useMemo, type KeyboardEvent } from "react";
import { OUTCOME_STYLE } from "@/modules/lineage/ui/outcome-style";
import type { TenantMap } from "@/modules/tenants/server/map";
import { CountryMarkers, type CountryMarkerView } from "@/modules/tenants/ui/map/country-markers";
import { geoPathOf as path, MAP_HEIGHT as HEIGHT, MAP_WIDTH as WIDTH, project } from "@/modules/tenants/ui/map/geo";
import { LandLayer } from "@/modules/tenants/ui/map/land-layer";
import { COUNTRY_KEY } from "@/modules/tenants/ui/map/marks";
import { tierFill, tierPhrase } from "@/platform/region/tier";

/** What the map selects: a region by id, or a country as `country:` and its ISO code. */

interface Props {
  map: TenantMap;
  selected: string | null;
  onSelect: (key: string) => void;
}

/** The tenant's country markers: filled where a recipient there receives some of the tenant's data. */
export function countryViews(map: TenantMap): CountryMarkerView[] {
  return map.countries.map((c) => ({
    code: c.code,
    name: c.name,
    names: [...new Set(c.recipients.map((r) => r.name))],
    filled: c.recipients.some((r) => r.receives.length > 0),
  }));
}

/**
 * The world, the tenant's places as markers (by tier; home ringed), the countries where
 * subprocessors process as diamonds, and flows as great-circle arcs.
 */
export function WorldMap({ map, selected, onSelect }: Props) {
  const byId = useMemo(() => new Map(map.regions.map((r) => [r.id, r])), [map]);
  const regionPoints = useMemo(() => map.regions.map((r) => project([r.longitude, r.latitude])), [map]);
  const countries = useMemo(() => countryViews(map), [map]);
  const arcs = useMemo(
    () =>
      map.flows.flatMap((f) => {
        const a = f.from ? byId.get(f.from) : undefined;
        const b = f.to ? byId.get(f.to) : undefined;
        if (!a || !b || a.id === b.id) return [];
        const line: LineString = {
          type: "LineString",
          coordinates: [
            [a.longitude, a.latitude],
            [b.longitude, b.latitude],
          ],
        };
        return [{ key: `${a.id}>${b.id}`, d: path(line) ?? "", flow: f }];
      }),
    [map, byId],
  );
  const key = (id: string) => (e: KeyboardEvent) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      onSelect(id);
    }
  };
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="h-auto w-full rounded-lg border border-slate-200 bg-sky-50 dark:border-slate-800 dark:bg-slate-900"
      data-testid="region-map"
      role="group"
      aria-label={`World map of where ${map.tenant.name}'s data lives and flows`}
    >
      <LandLayer />
      <g>
        {arcs.map(({ key: k, d, flow }) => {
          const s = OUTCOME_STYLE[flow.worst];
          return (
            <path
              key={k}
              d={d}
              fill="none"
              stroke={s.stroke}
              strokeWidth={Math.min(2 + Math.log2(flow.flows + 1), 7)}
              strokeDasharray={s.dash}
              data-arc={k}
              data-outcome={flow.worst}
            >
              <title>{`${flow.from} → ${flow.to}: ${s.label}; ${flow.flows} flows`}</title>
            </path>
          );
        })}
      </g>
      <g>
        {map.regions.map((r) => {
          const [x, y] = project([r.longitude, r.latitude]);
          const home = r.roles.includes("home");
          const label = `${r.id} (${r.city}), ${tierPhrase(r.tier)}: ${r.roles.join(", ")}. Show details.`;
          return (
            <g
              key={r.id}
              transform={`translate(${x},${y})`}
              role="button"
              tabIndex={0}
              aria-label={label}
              aria-pressed={selected === r.id}
              onClick={() => onSelect(r.id)}
              onKeyDown={key(r.id)}
              className="cursor-pointer focus:outline-none [&:focus>circle.ring]:stroke-blue-600"
              data-region={r.id}
            >
              {home && <circle r={13} fill="none" stroke="#0f172a" strokeWidth={2} className="dark:stroke-white" />}
              <circle
                className={`ring ${tierFill(r.tier)}`}
                r={8}
                stroke={selected === r.id ? "#f59e0b" : "white"}
                strokeWidth={selected === r.id ? 3 : 1.5}
              />
              <text
                y={-16}
                textAnchor="middle"
                className="fill-slate-900 text-[11px] font-semibold dark:fill-slate-100"
              >
                {r.id}
              </text>
            </g>
          );
        })}
      </g>
      <CountryMarkers
        countries={countries}
        avoid={regionPoints}
        selected={selected?.startsWith(COUNTRY_KEY) ? selected.slice(COUNTRY_KEY.length) : null}
        onSelect={(code) => onSelect(`${COUNTRY_KEY}${code}`)}
      />
    </svg>
  );
}
