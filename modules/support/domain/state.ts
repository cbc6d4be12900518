import type { RequestState } from "@/modules/support/domain/model";

export interface GrantTimes {
  notBefore: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/**
 * The state as of `now` (the database's clock). The stored state is moved by the timers, but a
 * reader never waits for them: a pending request past its lifetime is expired, an approved grant
 * whose start has come is active, one past its expiry has ended.
 */
export function effectiveState(
  stored: RequestState,
  expiresAt: Date,
  grant: GrantTimes | null,
  now: Date,
): RequestState {
  if (stored === "pending") return now >= expiresAt ? "expired" : "pending";
  if (!grant) return stored;
  if (stored === "approved" || stored === "active" || stored === "extension_requested") {
    if (grant.revokedAt) return "revoked";
    if (now >= grant.expiresAt) return "ended";
    if (now < grant.notBefore) return "approved";
    return stored === "extension_requested" ? "extension_requested" : "active";
  }
  return stored;
}

/** The steps a request can take from a state, before asking who may take them. */
export type RequestStep = "approve" | "deny" | "withdraw" | "revoke" | "token" | "extend" | "confirm" | "review";

export function stepsFrom(state: RequestState, breakGlass: boolean): RequestStep[] {
  switch (state) {
    case "pending":
      return breakGlass ? ["confirm", "withdraw"] : ["approve", "deny", "withdraw"];
    case "approved":
      return ["revoke", "withdraw"];
    case "active":
      return breakGlass ? ["revoke", "token"] : ["revoke", "token", "extend"];
    case "extension_requested":
      return ["approve", "deny", "revoke", "token", "withdraw"];
    default:
      return [];
  }
}

/** Whether a grant in this state lets its holder in right now. */
export function admitsAccess(state: RequestState): boolean {
  return state === "active" || state === "extension_requested";
}
