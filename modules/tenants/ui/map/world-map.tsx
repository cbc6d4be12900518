"use client";

import { geoNaturalEarth1, geoPath } from "d3-geo";
import type { FeatureCollection, LineString } from "geojson";
import { useMemo, type KeyboardEvent } from "react";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countriesTopology from "world-atlas/countries-110m.json";
import { OUTCOME_STYLE } from "@/modules/lineage/ui/outcome-style";
import type { TenantMap } from "@/modules/tenants/server/map";
import { TIERS } from "@/platform/region/tier";

const WIDTH = 960;
const HEIGHT = 500;

// Natural Earth 1:110m countries, shipped in the package: the map needs no network.
const topology = countriesTopology as unknown as Topology<{ countries: GeometryCollection }>;
const land = feature(topology, topology.objects.countries) as FeatureCollection;
const projection = geoNaturalEarth1().fitSize([WIDTH, HEIGHT], land);
const path = geoPath(projection);
const countryPaths = land.features.map((f, i) => ({ key: String(f.id ?? i), d: path(f) ?? "" }));

interface Props {
  map: TenantMap;
  selected: string | null;
  onSelect: (region: string) => void;
}

/** The world, the tenant's places as markers (by tier; home ringed) and flows as great-circle arcs. */
export function WorldMap({ map, selected, onSelect }: Props) {
  const byId = useMemo(() => new Map(map.regions.map((r) => [r.id, r])), [map]);
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
      <g aria-hidden>
        {countryPaths.map((c) => (
          <path
            key={c.key}
            d={c.d}
            className="fill-slate-200 stroke-white dark:fill-slate-700 dark:stroke-slate-900"
            strokeWidth={0.5}
          />
        ))}
      </g>
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
          const [x, y] = projection([r.longitude, r.latitude]) ?? [0, 0];
          const home = r.roles.includes("home");
          const label = `${r.id} (${r.city}), ${TIERS[r.tier].label} tier: ${r.roles.join(", ")}. Show details.`;
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
                className={`ring ${TIERS[r.tier].fill}`}
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
    </svg>
  );
}
