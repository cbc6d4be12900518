import { readFileSync } from "node:fs";

/**
 * What the global setup hands the specs: the instances it started (on free ports, with fresh
 * embedded databases) and the seeded credentials. Plain data, no server modules.
 */

export const E2E_REGIONS = ["eu-central-1", "me-central-1", "af-south-1"] as const;
export type E2ERegion = (typeof E2E_REGIONS)[number];

export const ROLES = [
  "customer_admin",
  "customer_viewer",
  "auditor",
  "compliance_officer",
  "support_engineer",
  "provider_admin",
] as const;
export type Role = (typeof ROLES)[number];

export interface SeededUser {
  email: string;
  password: string;
  role: Role;
  region: string;
  tenant: string | null;
}

export interface SeededToken {
  token: string;
  email: string;
  role: Role;
  region: string;
  tenant: string | null;
}

export interface Credentials {
  regions: { id: string; url: string }[];
  users: SeededUser[];
  tokens: SeededToken[];
  /** region → the region's ingest token */
  ingest_tokens: Record<string, string>;
}

/** Database ids the specs need to name other users and their tokens, per region. */
export interface RegionDirectory {
  /** email → user id */
  users: Record<string, string>;
  /** email → ids of that user's seeded tokens */
  tokens: Record<string, string[]>;
}

export interface E2EState {
  dataDir: string;
  credentialsFile: string;
  instances: { region: E2ERegion; url: string; pid: number }[];
  credentials: Credentials;
  directory: Record<string, RegionDirectory>;
}

export const STATE_ENV = "TERRANE_E2E_STATE";

let cached: E2EState | undefined;

export function readState(): E2EState {
  if (cached) return cached;
  const file = process.env[STATE_ENV];
  if (!file)
    throw new Error(
      `${STATE_ENV} is not set: run the specs through \`npx playwright test\` (its global setup starts the instances).`,
    );
  cached = JSON.parse(readFileSync(file, "utf8")) as E2EState;
  return cached;
}
