/**
 * An auditor's engagement with a tenant: what it covers (attestations only, or full evidence),
 * which periods, until when, and where it stands. Pure, so the UI's words and the server agree.
 */

/** An engagement ends at most this long after the invitation. */
export const MAX_ENGAGEMENT_DAYS = 90;
const DAY_MS = 86_400_000;

export type EvidenceAccess = "attestations" | "evidence";
export type EngagementState = "awaiting_nda" | "active" | "expired" | "revoked";

export interface EngagementFacts {
  expiresAt: Date | null;
  revokedAt: Date | null;
  ndaSha256: string | null;
}

export function engagementState(e: EngagementFacts, now: Date): EngagementState {
  if (e.revokedAt) return "revoked";
  if (e.expiresAt && e.expiresAt <= now) return "expired";
  return e.ndaSha256 ? "active" : "awaiting_nda";
}

export function latestExpiry(invitedAt: Date): Date {
  return new Date(invitedAt.getTime() + MAX_ENGAGEMENT_DAYS * DAY_MS);
}

export interface Scope {
  from: Date | null;
  to: Date | null;
}

/** Whether the whole period [from, to) lies inside the engagement's periods. */
export function periodInScope(period: { from: Date; to: Date }, scope: Scope): boolean {
  if (scope.from && period.from < scope.from) return false;
  if (scope.to && period.to > scope.to) return false;
  return true;
}
