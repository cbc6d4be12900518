/**
 * Every ISO 3166-1 code a subprocessor may name gets a marker on the world map: at the centroid
 * of its largest shape in Natural Earth's 1:110m countries, or, for the small countries that map
 * has no shape for, at its capital or main island.
 */
import { describe, expect, it } from "vitest";
import countriesTopology from "world-atlas/countries-110m.json";
import { countryMarkerPlace, countryPoint, MAP_HEIGHT, MAP_WIDTH, project } from "@/modules/tenants/ui/map/geo";
import { COUNTRY_NUMERIC } from "@/platform/region/country-numeric";
import { SMALL_COUNTRY_POINTS } from "@/platform/region/country-points";
import { COUNTRY_CODES } from "@/platform/region/countries";

const atlasIds = (
  countriesTopology as unknown as { objects: { countries: { geometries: { id?: string }[] } } }
).objects.countries.geometries
  .map((g) => g.id)
  .filter((id): id is string => id !== undefined);

const inside = (code: string, lon: [number, number], lat: [number, number]) => {
  const [x, y] = countryPoint(code)!;
  expect(x, `${code} longitude`).toBeGreaterThan(lon[0]);
  expect(x, `${code} longitude`).toBeLessThan(lon[1]);
  expect(y, `${code} latitude`).toBeGreaterThan(lat[0]);
  expect(y, `${code} latitude`).toBeLessThan(lat[1]);
};

describe("country markers", () => {
  it("every ISO 3166-1 code has a numeric code, and no two share one", () => {
    expect([...COUNTRY_NUMERIC.keys()].sort()).toEqual([...COUNTRY_CODES].sort());
    expect(new Set(COUNTRY_NUMERIC.values()).size).toBe(COUNTRY_NUMERIC.size);
  });

  it("every country of the 1:110m map is a code we know", () => {
    const known = new Set(COUNTRY_NUMERIC.values());
    expect(atlasIds.filter((id) => !known.has(id))).toEqual([]);
  });

  it("every code gets a coordinate on the map's canvas", () => {
    for (const code of COUNTRY_CODES) {
      const point = countryPoint(code);
      expect(point, code).not.toBeNull();
      const [lon, lat] = point!;
      expect(Math.abs(lon), code).toBeLessThanOrEqual(180);
      expect(Math.abs(lat), code).toBeLessThanOrEqual(90);
      const [x, y] = countryMarkerPlace(code)!;
      expect(x, code).toBeGreaterThanOrEqual(0);
      expect(x, code).toBeLessThanOrEqual(MAP_WIDTH);
      expect(y, code).toBeGreaterThanOrEqual(0);
      expect(y, code).toBeLessThanOrEqual(MAP_HEIGHT);
    }
    expect(countryPoint("XX")).toBeNull();
    expect(countryMarkerPlace("XX")).toBeNull();
    expect(countryPoint("de")).toBeNull();
  });

  it("the small countries absent from the 1:110m map are at their listed place, and only they", () => {
    const present = new Set(atlasIds);
    const absent = [...COUNTRY_NUMERIC].filter(([, n]) => !present.has(n)).map(([a]) => a);
    expect(Object.keys(SMALL_COUNTRY_POINTS).sort()).toEqual(absent.sort());
    for (const code of ["SG", "MT", "BH", "MC", "LI", "HK"])
      expect(countryPoint(code)).toEqual([...SMALL_COUNTRY_POINTS[code]!]);
  });

  it("a marker that would cover a region's marker moves below it", () => {
    const frankfurt = project([8.6821, 50.1109]);
    const [x, y] = countryMarkerPlace("DE", [frankfurt])!;
    expect(Math.hypot(x - frankfurt[0], y - frankfurt[1])).toBeGreaterThanOrEqual(16);
    const [jx, jy] = project(countryPoint("JP")!);
    const [px, py] = countryMarkerPlace("JP", [frankfurt])!;
    expect(Math.abs(px - jx)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(py - jy)).toBeLessThanOrEqual(0.05);
  });

  it("a country with far-flung territories is marked on its mainland", () => {
    inside("FR", [-5, 8], [42, 50]); // not pulled towards French Guiana
    inside("US", [-125, -66], [25, 49]); // not towards Alaska and Hawaii
    inside("NO", [5, 31], [58, 71]);
    inside("DE", [6, 15], [47, 55]);
    inside("IE", [-11, -5], [51, 56]);
    inside("AE", [51, 57], [22, 27]);
    inside("ZA", [16, 33], [-35, -22]);
    inside("RU", [30, 180], [45, 78]);
  });
});
