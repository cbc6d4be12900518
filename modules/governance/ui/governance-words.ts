/**
 * How the Governance pages name verdicts. Figures (shares, durations, months) are written by
 * platform/format.ts, as on every page.
 */

export const VERDICT_LABELS: Record<string, string> = {
  allowed: "Allowed by a decision",
  allowed_with_condition: "Allowed with a condition",
  violation: "Violation (no decision allows it)",
  unknown_region: "Destination region unknown",
};
