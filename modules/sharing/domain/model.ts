/**
 * The vocabulary of sharing decisions, framework-free: outcomes, legal bases, workflow
 * states and the content fields a version carries (and a diff compares).
 */

export const OUTCOMES = ["deny", "allow", "allow_aggregates", "allow_pseudonymised"] as const;
export type SharingOutcome = (typeof OUTCOMES)[number];

export const LEGAL_BASES = ["adequacy", "sccs", "bcrs", "consent", "art49_derogation"] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** Transfers on these bases need a transfer-impact assessment (Schrems II). */
export const LEGAL_BASES_NEEDING_TIA: readonly LegalBasis[] = ["sccs", "bcrs"];

export const DESTINATION_KINDS = ["region", "partner", "subprocessor"] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/** What is stored on a version: the workflow step it has reached. */
export const STORED_STATUSES = ["draft", "in_review", "approved", "accepted", "withdrawn"] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];

/** A version still moving through the workflow; a decision has at most one at a time. */
export const OPEN_STATUSES: StoredStatus[] = ["draft", "in_review", "approved"];

/**
 * What a reader sees: accepted versions are scheduled, in force, superseded or expired,
 * depending on their effective dates and later accepted versions.
 */
export const VERSION_STATES = [
  "draft",
  "in_review",
  "approved",
  "withdrawn",
  "scheduled",
  "in_force",
  "superseded",
  "expired",
] as const;
export type VersionState = (typeof VERSION_STATES)[number];

/** The forms data can take on a flow; conditional decisions allow only some of them. */
export const FLOW_FORMS = ["raw", "pseudonymised", "aggregate"] as const;
export type FlowForm = (typeof FLOW_FORMS)[number];

/** The forms each outcome permits. Aggregates reveal less than pseudonymised records, so a
 * decision that allows pseudonymised data allows aggregates of it too. */
export const PERMITTED_FORMS: Record<SharingOutcome, FlowForm[]> = {
  deny: [],
  allow: ["raw", "pseudonymised", "aggregate"],
  allow_pseudonymised: ["pseudonymised", "aggregate"],
  allow_aggregates: ["aggregate"],
};

/** The content of a version: what authors write, reviewers check and diffs compare. */
export interface DecisionContent {
  outcome: SharingOutcome;
  legalBasis: LegalBasis | null;
  tiaRef: string | null;
  dpaClause: string | null;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  notes: string;
}

export const CONTENT_FIELDS: { key: keyof DecisionContent; name: string }[] = [
  { key: "outcome", name: "outcome" },
  { key: "legalBasis", name: "legal_basis" },
  { key: "tiaRef", name: "tia_ref" },
  { key: "dpaClause", name: "dpa_clause" },
  { key: "effectiveFrom", name: "effective_from" },
  { key: "effectiveTo", name: "effective_to" },
  { key: "notes", name: "notes" },
];

export const OUTCOME_LABELS: Record<SharingOutcome, string> = {
  deny: "deny",
  allow: "allow",
  allow_aggregates: "allow aggregates only",
  allow_pseudonymised: "allow pseudonymised",
};
