import "server-only";
import type { Actor } from "@/platform/auth/actor";
import type { Tx } from "@/platform/db/transaction";
import { withTenant, type RequestOrigin, type TenantScope } from "@/platform/access/with-tenant";
import { authorize, type TenantAction } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import { databaseNow } from "@/platform/db/db-time";
import { ConflictError, ForbiddenError } from "@/platform/errors";
import { STATE_LABELS, type RequestState } from "@/modules/support/domain/model";
import { loadRequest, lockRequest, type LoadedRequest } from "@/modules/support/server/store";
import { requestResource, requestViews, stateNow, type SupportRequestView } from "@/modules/support/server/views";

export interface StepContext {
  tx: Tx;
  scope: TenantScope;
  loaded: LoadedRequest;
  state: RequestState;
  now: Date;
}

interface StepSpec {
  /** Asked of the tenant first (may this person do this here at all?). */
  tenantAction: TenantAction;
  /** Then of the request (separation of duties); omitted when the tenant's answer is enough. */
  requestAction?: "support.approve" | "support.request" | "support.break_glass.confirm" | "support.break_glass.review";
  /** Whether this round's approvers count against the caller (approving twice). */
  countApprovers?: boolean;
  /** The states the step starts from. */
  from: readonly RequestState[];
  /** For a break-glass request only, or never for one. */
  breakGlass?: boolean;
  run: (ctx: StepContext) => Promise<void>;
}

const FOUR_EYES_MESSAGES: Record<string, string> = {
  "never-approve-your-own-request": "You asked for this access: someone else must decide on it.",
  "break-glass-review-four-eyes":
    "You asked for or opened this emergency access: another compliance officer reviews it.",
  "requesters-own-requests": "Only the person who asked for this access can do that.",
};

function refusalFor(policies: string[]): ForbiddenError {
  const named = policies.find((p) => FOUR_EYES_MESSAGES[p]);
  if (named) return new ForbiddenError(FOUR_EYES_MESSAGES[named], "four_eyes");
  return new ForbiddenError("Only the person who asked for this access can do that.", "not_requester");
}

/**
 * One step on one request: the tenant gate, the request's row lock, its state now (the
 * database's clock), the policy's answer about this request, then the change with its audit
 * entry, all in one transaction; the answer is the request as the caller now sees it.
 */
export function requestStep(
  actor: Actor,
  tenantSlug: string,
  requestId: string,
  origin: RequestOrigin,
  spec: StepSpec,
): Promise<SupportRequestView> {
  return withTenant(actor, tenantSlug, spec.tenantAction, origin, (scope) => stepIn(scope, requestId, spec));
}

/** The step inside a tenant scope the caller already passed (a route that finds the request first). */
export async function stepIn(scope: TenantScope, requestId: string, spec: StepSpec): Promise<SupportRequestView> {
  {
    await scope.db.$transaction(async (tx) => {
      await lockRequest(tx, scope.tenant.id, requestId);
      const loaded = await loadRequest(tx, scope.tenant.id, requestId);
      const now = await databaseNow(tx);
      const state = stateNow(loaded, now);
      if (spec.breakGlass !== undefined && loaded.request.breakGlass !== spec.breakGlass)
        throw new ConflictError(
          spec.breakGlass ? "This is not a break-glass request." : "A break-glass request does not take this step.",
          "wrong_kind",
        );
      if (!spec.from.includes(state)) {
        const why =
          state === "expired"
            ? `it expired at ${loaded.request.expiresAt.toISOString()} without a decision`
            : `it is ${STATE_LABELS[state].toLowerCase()}`;
        throw new ConflictError(`This request cannot take that step: ${why}.`, `request_${state}`);
      }
      if (spec.requestAction) {
        const resource = requestResource(loaded);
        if (spec.countApprovers && resource.approvers.includes(scope.actor.userId))
          throw new ConflictError(
            "You have already approved this; another customer admin must add theirs.",
            "already_approved",
          );
        const decision = authorize(policyPrincipal(scope.actor, scope.role), spec.requestAction, {
          ...resource,
          approvers: spec.countApprovers ? resource.approvers : [],
        });
        if (!decision.allowed) throw refusalFor(decision.policies);
      }
      await spec.run({ tx, scope, loaded, state, now });
    });
    const [view] = await requestViews(scope.db, scope, [await loadRequest(scope.db, scope.tenant.id, requestId)]);
    return view!;
  }
}
