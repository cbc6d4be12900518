import { compileSharingPolicy, type CompilableVersion } from "@/modules/sharing/domain/compile";
import type { Destination } from "@/modules/sharing/domain/destination";
import { loadPolicy, type LoadedPolicy } from "@/modules/sharing/domain/engine";
import type { FlowInput } from "@/modules/sharing/domain/verdict";

export const DAY = 86_400_000;
export const NOW = new Date("2026-11-22T12:00:00.000Z");
export const days = (n: number) => new Date(NOW.getTime() + n * DAY);

export const COUNTRIES: Record<string, string> = {
  "eu-central-1": "DE",
  "me-central-1": "AE",
  "af-south-1": "ZA",
  "us-east-1": "US",
};
export const countryOf = (region: string) => COUNTRIES[region];

export const region = (id: string): Destination => ({ kind: "region", id, location: id });

let counter = 0;

/** A version in force for the last 10 days, open-ended, unless told otherwise. */
export function version(
  overrides: Partial<CompilableVersion> & { dataClass: string; destination: Destination },
): CompilableVersion {
  counter += 1;
  return {
    versionId: `v-${counter}`,
    decisionId: `d-${counter}`,
    version: 1,
    outcome: "allow",
    legalBasis: "sccs",
    tiaRef: "TIA-1",
    dpaClause: "DPA §1",
    window: { from: days(-10), until: null, endsBy: null },
    ...overrides,
  };
}

/** Compiles and loads `versions` as a fresh tenant's policy. */
export function policyOf(versions: CompilableVersion[]): LoadedPolicy {
  counter += 1;
  const compiled = compileSharingPolicy({ slug: `tenant-${counter}`, homeRegion: "eu-central-1" }, versions, 1);
  return loadPolicy(`unit-${counter}`, compiled);
}

export function flow(overrides: Partial<FlowInput> = {}): FlowInput {
  return {
    dataClasses: ["customer_pii"],
    from: { region: "eu-central-1" },
    to: { kind: "region", id: "us-east-1" },
    at: NOW,
    ...overrides,
  };
}
