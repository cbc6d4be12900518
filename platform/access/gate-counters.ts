/**
 * How often the request gates did their work in this process: tenant resolutions (directory
 * and membership reads) and tenant shell builds. A render shares one of each through React's
 * request cache; tests read these to prove it stays so as layouts and pages are added.
 */
export type GateName = "tenantResolutions" | "shellBuilds";

const counts: Record<GateName, number> = { tenantResolutions: 0, shellBuilds: 0 };

export function countGate(name: GateName): void {
  counts[name] += 1;
}

/** A copy of the counts so far (compare two snapshots around the work being measured). */
export function gateCounts(): Record<GateName, number> {
  return { ...counts };
}
