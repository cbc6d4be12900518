/**
 * The kinds of item in the region's review queue, what resolving each one does, and its default
 * deadline. Pure: the API, the page, the migration's backfill notes and the docs read this table.
 */

export const REVIEW_KINDS = [
  "sharing_decision",
  "border_violation",
  "region_unknown",
  "outside_grant_access",
  "break_glass",
  "subprocessor_change",
  "subprocessor_objection",
  "attestation",
  "scope_request",
] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export const REVIEW_STATES = ["open", "in_review", "resolved", "dismissed"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
/** The states in which an item still asks for someone's work. */
export const OPEN_STATES: readonly ReviewState[] = ["open", "in_review"];

export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  open: "Open",
  in_review: "In review",
  resolved: "Resolved",
  dismissed: "Dismissed",
};

export interface OutcomeSpec {
  /** The outcome as stored and sent: `outcome` in the resolve body. */
  key: string;
  label: string;
  /** Which final state the outcome puts the item in. */
  state: "resolved" | "dismissed";
  /** What choosing it does, in plain words (the confirmation names it). */
  consequence: string;
}

export interface KindSpec {
  label: string;
  /** Hours from opening to the due date unless a compliance officer set another SLA. */
  defaultSlaHours: number;
  /** Where the item's source lives, for the docs and the panel. */
  source: string;
  outcomes: readonly OutcomeSpec[];
  /**
   * Whether many items of this kind may be dismissed at once. Only findings whose dismissal
   * changes nothing but the finding itself (alerts and access findings) qualify; anything that
   * approves, publishes or widens access is decided one by one.
   */
  bulkDismiss: boolean;
}

export const KINDS: Record<ReviewKind, KindSpec> = {
  sharing_decision: {
    label: "Sharing decision",
    defaultSlaHours: 5 * 24,
    source: "A version of a tenant's sharing decision submitted for compliance review (modules/sharing).",
    outcomes: [
      {
        key: "approve",
        label: "Approve",
        state: "resolved",
        consequence: "The version goes to the tenant's customer admins for acceptance.",
      },
      {
        key: "reject",
        label: "Send back",
        state: "resolved",
        consequence: "The version goes back to draft; its authors read your rationale.",
      },
    ],
    bulkDismiss: false,
  },
  border_violation: {
    label: "Border violation",
    defaultSlaHours: 24,
    source: "A lineage alert: data of a class flowed where no sharing decision allows (modules/lineage).",
    outcomes: [
      {
        key: "remediated",
        label: "Remediated",
        state: "resolved",
        consequence: "The alert is resolved; it stays in the tenant's history and attestations.",
      },
      {
        key: "false_positive",
        label: "Not a violation",
        state: "dismissed",
        consequence: "The alert is resolved as a false finding; it stays in history with your rationale.",
      },
    ],
    bulkDismiss: true,
  },
  region_unknown: {
    label: "Region unknown",
    defaultSlaHours: 3 * 24,
    source: "A lineage finding: nobody says where a dataset lives (modules/lineage).",
    outcomes: [
      {
        key: "remediated",
        label: "Placed",
        state: "resolved",
        consequence: "The finding is resolved; it stays in the tenant's history.",
      },
      {
        key: "false_positive",
        label: "Not relevant",
        state: "dismissed",
        consequence: "The finding is resolved as not relevant; it stays in history with your rationale.",
      },
    ],
    bulkDismiss: true,
  },
  outside_grant_access: {
    label: "Access outside a grant",
    defaultSlaHours: 24,
    source:
      "Accesses by provider staff the data plane reported without a grant: one item per person, tenant and day (modules/support).",
    outcomes: [
      {
        key: "explained",
        label: "Explained",
        state: "resolved",
        consequence: "The accesses are recorded as explained; the tenant sees your rationale.",
      },
      {
        key: "escalated",
        label: "Escalate to the customer",
        state: "resolved",
        consequence: "The tenant's customer admins are told that the accesses were not justified.",
      },
      {
        key: "duplicate",
        label: "Duplicate",
        state: "dismissed",
        consequence: "The item is closed as covered by another item.",
      },
    ],
    bulkDismiss: true,
  },
  break_glass: {
    label: "Break-glass access",
    defaultSlaHours: 2 * 24,
    source: "An emergency access opened without the customer's approval (modules/support).",
    outcomes: [
      {
        key: "reviewed",
        label: "Record the review",
        state: "resolved",
        consequence: "The emergency access is marked reviewed, with your rationale, on the tenant's page.",
      },
    ],
    bulkDismiss: false,
  },
  subprocessor_change: {
    label: "Subprocessor change",
    defaultSlaHours: 5 * 24,
    source: "A provider admin's proposed change to the region's subprocessor register (modules/subprocessors).",
    outcomes: [
      {
        key: "approve",
        label: "Approve and announce",
        state: "resolved",
        consequence: "Approving announces the change to every tenant with the region's notice period.",
      },
      {
        key: "reject",
        label: "Reject",
        state: "resolved",
        consequence: "The proposal is rejected; nothing is announced.",
      },
    ],
    bulkDismiss: false,
  },
  subprocessor_objection: {
    label: "Subprocessor objection",
    defaultSlaHours: 30 * 24,
    source: "A customer admin's objection to an announced subprocessor change (modules/subprocessors).",
    outcomes: [
      {
        key: "tenant_excluded",
        label: "Tenant excluded",
        state: "resolved",
        consequence: "The tenant is told its data is kept away from the subprocessor.",
      },
      {
        key: "accepted_after_explanation",
        label: "Accepted after explanation",
        state: "resolved",
        consequence: "The tenant is told the objection is closed with your explanation.",
      },
      {
        key: "termination_right_noted",
        label: "Termination right noted",
        state: "resolved",
        consequence: "The tenant is told its right to terminate is recorded.",
      },
      {
        key: "change_withdrawn",
        label: "Change withdrawn",
        state: "resolved",
        consequence: "Only once a provider admin has withdrawn the change: the tenant is told.",
      },
    ],
    bulkDismiss: false,
  },
  attestation: {
    label: "Quarterly attestation",
    defaultSlaHours: 5 * 24,
    source: "A quarterly attestation drafted and awaiting review (modules/attestations).",
    outcomes: [
      {
        key: "publish",
        label: "Publish",
        state: "resolved",
        consequence: "The signed attestation is published to the tenant and its auditors.",
      },
      {
        key: "reject",
        label: "Reject",
        state: "resolved",
        consequence: "The draft is rejected and never published.",
      },
    ],
    bulkDismiss: false,
  },
  scope_request: {
    label: "Auditor scope request",
    defaultSlaHours: 3 * 24,
    source: "An auditor's request for more periods or full evidence (modules/evidence).",
    outcomes: [
      {
        key: "approve",
        label: "Approve",
        state: "resolved",
        consequence: "The auditor's engagement widens to what was asked; its expiry does not move.",
      },
      {
        key: "deny",
        label: "Deny",
        state: "resolved",
        consequence: "The auditor is told the request was denied, with your rationale.",
      },
    ],
    bulkDismiss: false,
  },
};

export function isReviewKind(value: string): value is ReviewKind {
  return (REVIEW_KINDS as readonly string[]).includes(value);
}

export function outcomeOf(kind: ReviewKind, key: string): OutcomeSpec | undefined {
  return KINDS[kind].outcomes.find((o) => o.key === key);
}

/** The kinds whose items may be dismissed many at once (see KindSpec.bulkDismiss). */
export const BULK_DISMISS_KINDS: readonly ReviewKind[] = REVIEW_KINDS.filter((k) => KINDS[k].bulkDismiss);

/** The outcome a bulk dismissal records for a kind that allows it. */
export function bulkDismissOutcome(kind: ReviewKind): OutcomeSpec | undefined {
  return KINDS[kind].bulkDismiss ? KINDS[kind].outcomes.find((o) => o.state === "dismissed") : undefined;
}

/** SLA bounds a compliance officer may set: at least an hour, at most a year. */
export const SLA_MIN_HOURS = 1;
export const SLA_MAX_HOURS = 24 * 365;

export function dueAt(openedAt: Date, hours: number): Date {
  return new Date(openedAt.getTime() + hours * 3_600_000);
}
