import "server-only";
import type { Actor, UserActor } from "@/platform/auth/actor";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/platform/errors";
import { allowedActions, authorize, type UserAction } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";

export interface UserScope {
  actor: UserActor;
  /** The user whose resources are acted on ("me" resolved). */
  userId: string;
  /** Whether that user is the caller. */
  own: boolean;
  /** Which of `candidates` the policy lets this actor do on that user (a read model's `allowed_actions`). */
  allowed: <A extends UserAction>(candidates: readonly A[]) => A[];
}

/** What a caller refused on their own account is told (another user's refusal is a plain 404). */
const OWN_REFUSALS: Record<UserAction, string> = {
  "token.list": "Your sign-in does not allow listing your API tokens.",
  "token.create": "API tokens cannot create tokens; sign in to create one.",
  "token.revoke": "Your sign-in does not allow revoking your API tokens.",
  "user.password.change": "Change your password from a signed-in browser session.",
  "user.disable": "You cannot disable your own account.",
  "notifications.read": "Your sign-in does not allow reading your notifications.",
  "notifications.manage": "Your sign-in does not allow changing your notifications.",
};

/**
 * Every entry point on a user's own resources (API tokens, password, the account itself) goes
 * through here: "me" resolves to the caller, and the policy answers for `action` on that user.
 * As for a tenant the caller has nothing to do with, another user the caller may not act on is
 * "not found", whether or not they exist; a refusal on one's own account says why. Whether the
 * user exists is the caller's to check (in its own query or transaction): run gets the id.
 */
export async function withUser<T>(
  actor: Actor,
  userRef: string,
  action: UserAction,
  run: (scope: UserScope) => T | Promise<T>,
): Promise<T> {
  if (actor.type !== "user") throw new UnauthenticatedError();
  const userId = userRef === "me" ? actor.userId : userRef;
  const own = userId === actor.userId;
  const principal = policyPrincipal(actor);
  const resource = { type: "User" as const, id: userId };
  if (!authorize(principal, action, resource).allowed) {
    if (own) throw new ForbiddenError(OWN_REFUSALS[action]);
    throw new NotFoundError("No such user.", "user_not_found");
  }
  return run({ actor, userId, own, allowed: (candidates) => allowedActions(principal, candidates, resource) });
}
