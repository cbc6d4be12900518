/** What the load benches share: a built app, the region registry pointing at this run's instance, the commit. */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export function ensureBuilt(): void {
  if (existsSync(".next/BUILD_ID")) return;
  console.log("No build found (.next/BUILD_ID): building Terrane first…");
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error("next build failed");
}

/** The shipped registry, with this run's instance URL for `region`. */
export function registryFor(region: string, url: string): string {
  const regions = JSON.parse(readFileSync("config/regions.json", "utf8")) as { id: string; url: string }[];
  return JSON.stringify(regions.map((r) => (r.id === region ? { ...r, url } : r)));
}

export function gitCommit(): string | null {
  const git = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" });
  return git.status === 0 ? git.stdout.trim() : null;
}

/**
 * The region secrets the seed created beside the embedded data (REGION_SEALING_KEY), for an
 * instance that serves the same region from PostgreSQL: there, in production, a secret must come
 * from the environment, and without it every seal and unseal fails.
 */
export function seededRegionSecrets(dataDir: string, region: string): Record<string, string> {
  const file = path.join(dataDir, region, "sealing-key");
  return existsSync(file) ? { REGION_SEALING_KEY: readFileSync(file, "utf8").trim() } : {};
}
