import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import defaultRegions from "@/config/regions.json";
import { env } from "@/platform/env";
import { currentRegion, findRegion, listRegions, regionUrl } from "@/platform/region/registry";
import { setRegionEnv } from "../helpers/env";

const dir = mkdtempSync(path.join(os.tmpdir(), "terrane-regions-"));

function region(id: string, url: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: `Region ${id}`,
    jurisdiction: "Somewhere",
    city: "Some city",
    country: "XX",
    latitude: 10,
    longitude: 20,
    url,
    tiers: ["managed"],
    ...extra,
  };
}

describe("region registry", () => {
  beforeEach(() => setRegionEnv("eu-central-1"));
  afterAll(() => {
    setRegionEnv("eu-central-1");
    rmSync(dir, { recursive: true, force: true });
  });

  it("defaults to config/regions.json and to REGION eu-central-1", () => {
    setRegionEnv("eu-central-1", { REGION: undefined });
    expect(env().REGION).toBe("eu-central-1");
    expect(listRegions().map((r) => r.id)).toEqual(defaultRegions.map((r) => r.id));
    expect(listRegions().map((r) => r.id)).toEqual(
      expect.arrayContaining(["eu-central-1", "me-central-1", "af-south-1"]),
    );
    expect(currentRegion()).toMatchObject({ id: "eu-central-1", country: "DE", url: "http://localhost:3000" });
    expect(findRegion("me-central-1")?.tiers).toContain("sovereign");
    expect(findRegion("xx-nowhere-9")).toBeUndefined();
  });

  it("REGION selects this instance's region", () => {
    setRegionEnv("af-south-1");
    expect(currentRegion()).toMatchObject({ id: "af-south-1", city: "Cape Town" });
  });

  it("REGIONS_JSON replaces the registry", () => {
    setRegionEnv("ap-south-2", {
      REGIONS_JSON: JSON.stringify([
        region("ap-south-2", "https://ap2.example.test/"),
        region("eu-central-1", "https://eu.example.test"),
      ]),
    });
    expect(listRegions().map((r) => r.id)).toEqual(["ap-south-2", "eu-central-1"]);
    expect(currentRegion().url).toBe("https://ap2.example.test");
  });

  it("REGIONS_FILE replaces the registry; REGIONS_JSON wins when both are set", () => {
    const file = path.join(dir, "regions.json");
    writeFileSync(file, JSON.stringify([region("sa-east-1", "https://sa.example.test")]));
    setRegionEnv("sa-east-1", { REGIONS_FILE: file });
    expect(listRegions().map((r) => r.id)).toEqual(["sa-east-1"]);
    expect(currentRegion().url).toBe("https://sa.example.test");

    setRegionEnv("sa-east-1", {
      REGIONS_FILE: file,
      REGIONS_JSON: JSON.stringify([region("ca-central-1", "https://ca.example.test")]),
    });
    expect(listRegions().map((r) => r.id)).toEqual(["ca-central-1"]);
  });

  it("picks up a changed REGIONS_JSON instead of serving a stale cached registry", () => {
    setRegionEnv("eu-central-1", {
      REGIONS_JSON: JSON.stringify([region("eu-central-1", "https://one.example.test")]),
    });
    expect(currentRegion().url).toBe("https://one.example.test");
    setRegionEnv("eu-central-1", {
      REGIONS_JSON: JSON.stringify([region("eu-central-1", "https://two.example.test")]),
    });
    expect(currentRegion().url).toBe("https://two.example.test");
  });

  const invalid: [string, unknown, RegExp][] = [
    ["an empty list", [], /Invalid region registry/],
    [
      "duplicate ids",
      [region("eu-central-1", "https://a.test"), region("eu-central-1", "https://b.test")],
      /region ids must be unique/,
    ],
    ["a malformed id", [region("Frankfurt", "https://a.test")], /Invalid region registry[\s\S]*id/],
    ["a URL that is not a URL", [region("eu-central-1", "not a url")], /Invalid region registry[\s\S]*url/],
    [
      "a latitude off the globe",
      [region("eu-central-1", "https://a.test", { latitude: 123 })],
      /Invalid region registry[\s\S]*latitude/,
    ],
    [
      "an unknown tier",
      [region("eu-central-1", "https://a.test", { tiers: ["premium"] })],
      /Invalid region registry[\s\S]*tiers/,
    ],
    ["no tiers", [region("eu-central-1", "https://a.test", { tiers: [] })], /Invalid region registry[\s\S]*tiers/],
    [
      "a missing field",
      [{ ...region("eu-central-1", "https://a.test"), city: undefined }],
      /Invalid region registry[\s\S]*city/,
    ],
    ["an object instead of a list", { regions: [] }, /Invalid region registry/],
  ];
  for (const [what, value, message] of invalid) {
    it(`rejects a registry with ${what}, saying which source is wrong`, () => {
      setRegionEnv("eu-central-1", { REGIONS_JSON: JSON.stringify(value) });
      expect(() => listRegions()).toThrow(message);
      expect(() => listRegions()).toThrow(/\(json:/);
    });
  }

  it("rejects a REGIONS_FILE that is not JSON or does not exist", () => {
    const file = path.join(dir, "broken.json");
    writeFileSync(file, "{ not json");
    setRegionEnv("eu-central-1", { REGIONS_FILE: file });
    expect(() => listRegions()).toThrow();
    setRegionEnv("eu-central-1", { REGIONS_FILE: path.join(dir, "missing.json") });
    expect(() => listRegions()).toThrow(/ENOENT|no such file/);
  });

  it("currentRegion fails for a REGION that is not in the registry", () => {
    setRegionEnv("us-west-2");
    expect(() => currentRegion()).toThrow("REGION us-west-2 is not in the region registry");
  });

  it("a malformed REGION is refused by the environment check", () => {
    setRegionEnv("Frankfurt");
    expect(() => env()).toThrow(/REGION must look like eu-central-1/);
  });

  it("regionUrl builds the same path on another region's instance", () => {
    expect(regionUrl("me-central-1", "/t/northwind-gcc?tab=stores")).toBe(
      "http://localhost:3001/t/northwind-gcc?tab=stores",
    );
    expect(regionUrl("af-south-1", "api/v1/tenants/northwind-za")).toBe(
      "http://localhost:3002/api/v1/tenants/northwind-za",
    );
    setRegionEnv("eu-central-1", {
      REGIONS_JSON: JSON.stringify([region("eu-central-1", "https://eu.example.test/portal/")]),
    });
    expect(regionUrl("eu-central-1", "/t/x")).toBe("https://eu.example.test/portal/t/x");
    expect(() => regionUrl("me-central-1", "/t/x")).toThrow("Unknown region me-central-1");
  });
});
