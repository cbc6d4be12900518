import os from "node:os";
import path from "node:path";
import { resetEnvCache } from "@/platform/env";

// Nothing a test runs may write into the checkout's .data/ (NEXTAUTH_SECRET is set, so nothing
// should write here either).
const scratchDataDir = path.join(os.tmpdir(), "terrane-test-data");

const MANAGED = [
  "REGION",
  "REGIONS_JSON",
  "REGIONS_FILE",
  "DATABASE_URL",
  "DATA_DIR",
  "NEXTAUTH_SECRET",
  "LOG_LEVEL",
] as const;
type Managed = (typeof MANAGED)[number];

/**
 * Makes this process an instance of `region` (the data layer compares a tenant's home region
 * with env().REGION), with the default registry unless `overrides` say otherwise.
 */
export function setRegionEnv(region: string, overrides: Partial<Record<Managed, string | undefined>> = {}): void {
  const values: Record<Managed, string | undefined> = {
    REGION: region,
    REGIONS_JSON: undefined,
    REGIONS_FILE: undefined,
    DATABASE_URL: undefined,
    DATA_DIR: scratchDataDir,
    NEXTAUTH_SECRET: "test-secret-not-used-for-anything-real",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    ...overrides,
  };
  for (const key of MANAGED) {
    const value = values[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvCache();
}
