/**
 * The register's words and limits without its validation: the pages import these, and so carry
 * no zod into the browser. model.ts re-exports them beside the schemas.
 */
export const TRANSFER_MECHANISMS = ["adequacy", "sccs", "bcrs", "none_needed"] as const;
export type TransferMechanism = (typeof TRANSFER_MECHANISMS)[number];

export const TRANSFER_MECHANISM_LABELS: Record<TransferMechanism, string> = {
  adequacy: "Adequacy decision",
  sccs: "Standard contractual clauses",
  bcrs: "Binding corporate rules",
  none_needed: "None needed (no transfer)",
};

export const KEY_CUSTODY = ["byok", "hyok"] as const;
export const KEY_CUSTODY_LABELS: Record<(typeof KEY_CUSTODY)[number], string> = {
  byok: "Bring your own key",
  hyok: "Hold your own key",
};

/** An entry's status in the register: announced (new, in its notice period), active, retired. */
export const SUBPROCESSOR_STATUSES = ["announced", "active", "retired"] as const;
export type SubprocessorStatus = (typeof SUBPROCESSOR_STATUSES)[number];

export const CHANGE_KINDS = ["add", "change", "retire"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** proposed → announced → effective, or rejected (by the reviewer) or withdrawn (by a provider admin). */
export const CHANGE_STATES = ["proposed", "announced", "effective", "rejected", "withdrawn"] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

export const CHANGE_STATE_LABELS: Record<ChangeState, string> = {
  proposed: "Proposed, awaiting compliance review",
  announced: "Announced, in its notice period",
  effective: "In effect",
  rejected: "Rejected in review",
  withdrawn: "Withdrawn",
};

export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  add: "New subprocessor",
  change: "Change to a subprocessor",
  retire: "Subprocessor retired",
};

export const OBJECTION_OUTCOMES = [
  "change_withdrawn",
  "tenant_excluded",
  "accepted_after_explanation",
  "termination_right_noted",
] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];

export const OBJECTION_OUTCOME_LABELS: Record<ObjectionOutcome, string> = {
  change_withdrawn: "The change was withdrawn",
  tenant_excluded: "Tenant excluded: its data stays in a region without this subprocessor",
  accepted_after_explanation: "Accepted after explanation",
  termination_right_noted: "Contract termination right noted",
};

export const NOTICE_DAYS = { min: 0, max: 180, default: 30 } as const;
export const OBJECTION_DAYS = { min: 1, max: 180, default: 30 } as const;
