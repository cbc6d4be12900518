import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { env } from "@/platform/env";
import defaultRegions from "@/config/regions.json";

import { tierSchema } from "@/platform/region/tier-schema";

export const regionSchema = z.object({
  id: z.string().regex(/^[a-z]{2,4}-[a-z]+-\d$/),
  name: z.string().min(1),
  jurisdiction: z.string().min(1),
  city: z.string().min(1),
  country: z.string().length(2),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  url: z.url(),
  tiers: z.array(tierSchema).min(1),
  /** False for a region the provider serves data from but where no Terrane instance runs (yet). */
  instance: z.boolean().default(true),
});
export type Region = z.infer<typeof regionSchema>;

const registrySchema = z
  .array(regionSchema)
  .min(1)
  .refine((rs) => new Set(rs.map((r) => r.id)).size === rs.length, "region ids must be unique");

let cached: { key: string; regions: Region[] } | undefined;

function source(): { key: string; raw: unknown } {
  const e = env();
  if (e.REGIONS_JSON) return { key: `json:${e.REGIONS_JSON}`, raw: JSON.parse(e.REGIONS_JSON) };
  if (e.REGIONS_FILE) {
    const file = path.resolve(e.REGIONS_FILE);
    return { key: `file:${file}`, raw: JSON.parse(readFileSync(file, "utf8")) };
  }
  return { key: "default", raw: defaultRegions };
}

/** Every region of the provider, from REGIONS_JSON, REGIONS_FILE or config/regions.json. */
export function listRegions(): Region[] {
  const { key, raw } = source();
  if (cached?.key === key) return cached.regions;
  const parsed = registrySchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Invalid region registry (${key}): ${parsed.error.message}`);
  const regions = parsed.data.map((r) => ({ ...r, url: r.url.replace(/\/+$/, "") }));
  cached = { key, regions };
  return regions;
}

export function findRegion(id: string): Region | undefined {
  return listRegions().find((r) => r.id === id);
}

/** The other regions that run a Terrane instance: this region's witnesses and the logs it witnesses. */
export function peerRegions(): Region[] {
  const self = env().REGION;
  return listRegions().filter((r) => r.id !== self && r.instance);
}

/** The region this instance serves. Fails at start-up when REGION is not in the registry. */
export function currentRegion(): Region {
  const id = env().REGION;
  const region = findRegion(id);
  if (!region) throw new Error(`REGION ${id} is not in the region registry`);
  return region;
}

/** Absolute URL of `pathAndQuery` on a region's instance. */
export function regionUrl(regionId: string, pathAndQuery: string): string {
  const region = findRegion(regionId);
  if (!region) throw new Error(`Unknown region ${regionId}`);
  const suffix = pathAndQuery.startsWith("/") ? pathAndQuery : `/${pathAndQuery}`;
  return `${region.url}${suffix}`;
}
