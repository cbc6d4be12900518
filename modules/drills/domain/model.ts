/**
 * Residency drills: what each kind does, its states, and the shape of its result and report.
 * Pure, so the UI, the API schemas and the server share the words and the types.
 */
export const DRILL_KINDS = ["key_revocation", "kms_outage", "wrong_region"] as const;
export type DrillKind = (typeof DRILL_KINDS)[number];

export const DRILL_STATES = ["running", "completed", "failed"] as const;
export type DrillState = (typeof DRILL_STATES)[number];

export const DRILL_KIND_LABELS: Record<DrillKind, string> = {
  key_revocation: "Key revocation",
  kms_outage: "KMS outage",
  wrong_region: "Wrong region",
};

/** What the drill does to the tenant while it runs: the confirmation dialog names it. */
export const DRILL_CONSEQUENCES: Record<DrillKind, string> = {
  key_revocation:
    "The tenant's drill key (used for nothing but drills and bound to its canaries) is disabled on every instance of the region, then enabled again. Customer data keys are not touched.",
  kms_outage:
    "The tenant's KMS is cut off for this instance for the drill's few seconds: nothing of the tenant decrypts here, so its protected data (contact people, canaries) is unreadable until the KMS is restored.",
  wrong_region:
    "Requests for the tenant are sent to every other region, which must refuse them and record the refusal in their logs.",
};

/** The predicate type of a drill report (an in-toto statement in a DSSE envelope). */
export const DRILL_PREDICATE_TYPE = "https://terrane.dev/drill/v1";

/** How long a customer's consent may last at most. */
export const CONSENT_MAX_DAYS = 366;

export interface DrillStep {
  step: string;
  outcome: "ok" | "failed";
  at: string;
  ms: number;
  detail?: string;
}

/** A measured figure per instance (time to revoke, time to recover). */
export interface InstanceTiming {
  instance: string;
  ms: number;
  attempts?: number;
}

export interface DrillResult {
  steps: DrillStep[];
  /** Whether the drill showed what it set out to show (revoked everywhere, failed closed, refused everywhere). */
  passed?: boolean;
  /** Figures of the drill kind (see docs/drills.md). */
  figures?: Record<string, unknown>;
}

export function emptyResult(): DrillResult {
  return { steps: [] };
}
