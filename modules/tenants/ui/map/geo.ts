/**
 * The world map's geometry, shared by the tenant's map (a client component) and the public trust
 * page's map (rendered on the server): the projection, the countries' outlines, and where a
 * country's marker goes. No hooks and no client-only code, so both can import it.
 */
import { geoArea, geoCentroid, geoNaturalEarth1, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countriesTopology from "world-atlas/countries-110m.json";
import { countryNumeric } from "@/platform/region/country-numeric";
import { SMALL_COUNTRY_POINTS } from "@/platform/region/country-points";

import { MAP_HEIGHT, MAP_WIDTH } from "@/modules/tenants/ui/map/marks";

export { MAP_HEIGHT, MAP_WIDTH };

// Natural Earth 1:110m countries, shipped in the package: the map needs no network.
const topology = countriesTopology as unknown as Topology<{ countries: GeometryCollection }>;
const land = feature(topology, topology.objects.countries) as FeatureCollection;
export const projection = geoNaturalEarth1().fitSize([MAP_WIDTH, MAP_HEIGHT], land);
// One decimal is a tenth of a pixel on the 960-wide canvas: the same picture in half the markup.
export const geoPathOf = geoPath(projection).digits(1);
const countryPaths = land.features.map((f, i) => ({ key: String(f.id ?? i), d: geoPathOf(f) ?? "" }));

/** Tenths of a pixel as SVG path text: "12.3", ".5", "-.5", "7". */
function tenths(n: number): string {
  const text = String(n / 10);
  return text.startsWith("0.") ? text.slice(1) : text.startsWith("-0.") ? `-${text.slice(2)}` : text;
}

/**
 * d3's absolute "M x,y L x,y … Z" path as the same points in relative form ("M x,y l dx dy … z"):
 * each step is a small number, so the outline is about a third shorter, to the same tenth of a pixel.
 */
export function compactPath(d: string): string {
  let out = "";
  let x = 0;
  let y = 0;
  for (const [, command, args] of d.matchAll(/([MLZ])([^MLZ]*)/g)) {
    if (command === "Z") {
      out += "z";
      continue;
    }
    const [px, py] = args!.split(",").map((v) => Math.round(Number(v) * 10)) as [number, number];
    if (command === "M") out += `M${tenths(px)} ${tenths(py)}l`;
    else {
      const dx = tenths(px - x);
      const dy = tenths(py - y);
      // A minus sign separates numbers by itself.
      out += `${out.endsWith("l") || dx.startsWith("-") ? "" : " "}${dx}${dy.startsWith("-") ? "" : " "}${dy}`;
    }
    x = px;
    y = py;
  }
  // A subpath that closes at once has an empty "l" before its "z".
  return out.replaceAll("lz", "z");
}

/** Every country's outline as one path: the land is drawn in one element, not 177. */
export const landPath = countryPaths.map((c) => compactPath(c.d)).join("");

const byNumeric = new Map(land.features.filter((f) => f.id !== undefined).map((f) => [String(f.id), f]));

/**
 * The centroid of a country's largest shape, so France is marked in Europe rather than pulled
 * towards French Guiana, and the United States in the contiguous states rather than towards Alaska.
 */
function mainlandCentroid(f: Feature): [number, number] {
  const g = f.geometry;
  if (g.type !== "MultiPolygon") return geoCentroid(f);
  const parts = (g as MultiPolygon).coordinates.map((coordinates): Polygon => ({ type: "Polygon", coordinates }));
  const largest = parts.reduce((a, b) => (geoArea(b) > geoArea(a) ? b : a));
  return geoCentroid(largest);
}

const centroids = new Map<string, [number, number]>();

/** Where a country (ISO 3166-1 alpha-2) is marked, as [longitude, latitude]; null for an unknown code. */
export function countryPoint(alpha2: string): [number, number] | null {
  const cached = centroids.get(alpha2);
  if (cached) return cached;
  const numeric = countryNumeric(alpha2);
  const shape = numeric ? byNumeric.get(numeric) : undefined;
  const small = SMALL_COUNTRY_POINTS[alpha2];
  const point: [number, number] | null = shape ? mainlandCentroid(shape) : small ? [small[0], small[1]] : null;
  if (point) centroids.set(alpha2, point);
  return point;
}

/** A [longitude, latitude] on the map's canvas. */
export function project(lonLat: readonly [number, number]): [number, number] {
  return projection([lonLat[0], lonLat[1]]) ?? [0, 0];
}

const CLEARANCE = 16;
const MARGIN = 10;

/**
 * Where a country's marker goes on the canvas: its point, kept inside the canvas with room for the
 * marker and its label (Tuvalu sits on the antimeridian, past the fitted edge), and moved below a
 * region marker it would otherwise cover. Null for an unknown code.
 */
export function countryMarkerPlace(
  alpha2: string,
  avoid: readonly (readonly [number, number])[] = [],
): [number, number] | null {
  const at = countryPoint(alpha2);
  if (!at) return null;
  const [px, py] = project(at);
  const x = Math.min(Math.max(px, MARGIN), MAP_WIDTH - MARGIN);
  const y = Math.min(Math.max(py, MARGIN), MAP_HEIGHT - 2 * MARGIN - 4);
  const clash = avoid.some(([ax, ay]) => Math.hypot(ax - x, ay - y) < CLEARANCE);
  // A tenth of a pixel: the server's and the browser's trigonometry differ in the last digits,
  // which would make the hydrated map's markers mismatch the server-rendered ones.
  const round = (v: number) => Math.round(v * 10) / 10;
  return [round(x), round(clash ? Math.min(y + CLEARANCE + 4, MAP_HEIGHT - 2 * MARGIN - 4) : y)];
}
