/**
 * The vocabulary of support access: why provider staff ask, what they may ask for, and the
 * states a request goes through, each with the words the UI and notifications use.
 */

export const REASON_CODES = [
  "customer_initiated_support",
  "provider_initiated_service",
  "provider_initiated_review",
  "production_alert_response",
  "third_party_data_request",
  "customer_authorized_workflow",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const REASON_LABELS: Record<ReasonCode, string> = {
  customer_initiated_support: "Customer-initiated support (the customer's ticket)",
  provider_initiated_service: "Provider-initiated service work",
  provider_initiated_review: "Provider-initiated review",
  production_alert_response: "Response to a production alert",
  third_party_data_request: "Third-party data request",
  customer_authorized_workflow: "Workflow the customer authorized",
};

export const ACCESS_LEVELS = ["read", "read_write"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
export const ACCESS_LABELS: Record<AccessLevel, string> = { read: "read only", read_write: "read and write" };

export const REQUEST_STATES = [
  "pending",
  "approved",
  "active",
  "extension_requested",
  "ended",
  "denied",
  "expired",
  "withdrawn",
  "revoked",
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const STATE_LABELS: Record<RequestState, string> = {
  pending: "Waiting for approval",
  approved: "Approved, not started yet",
  active: "Active",
  extension_requested: "Active, extension waiting for approval",
  ended: "Ended",
  denied: "Denied",
  expired: "Expired without a decision",
  withdrawn: "Withdrawn by the requester",
  revoked: "Revoked",
};

/** States in which no further step is possible. */
export const FINAL_STATES: readonly RequestState[] = ["ended", "denied", "expired", "withdrawn", "revoked"];

/** States whose grant lets the requester in (between not-before and expiry). */
export const GRANTED_STATES: readonly RequestState[] = ["approved", "active", "extension_requested"];

/** Microsoft Customer Lockbox's bound, and the issue's: no grant longer than 8 hours. */
export const MAX_DURATION_MINUTES = 8 * 60;
/** Break-glass grants open without the customer, so they are short. */
export const BREAK_GLASS_MAX_MINUTES = 60;
export const MIN_DURATION_MINUTES = 5;
/** A grant's signed token lives at most this long and is refreshed while the grant lasts. */
export const TOKEN_LIFETIME_SECONDS = 15 * 60;
/** Clock skew tolerated between the access broker and this region. */
export const CLOCK_SKEW_SECONDS = 60;
/** A request may ask to start at most this far ahead. */
export const MAX_START_AHEAD_HOURS = 7 * 24;

export interface SupportPolicyValues {
  approvalsRequired: number;
  requestLifetimeHours: number;
  maxGrantHours: number;
  deniedReasons: ReasonCode[];
  allowReadWrite: boolean;
}

export const DEFAULT_POLICY: SupportPolicyValues = {
  approvalsRequired: 1,
  requestLifetimeHours: 12,
  maxGrantHours: 8,
  deniedReasons: [],
  allowReadWrite: true,
};

export const POLICY_LIMITS = {
  approvalsRequired: { min: 1, max: 5 },
  requestLifetimeHours: { min: 1, max: 72 },
  maxGrantHours: { min: 1, max: 8 },
} as const;
