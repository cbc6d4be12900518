import "server-only";
import type { z } from "zod";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin, type TenantScope } from "@/platform/access/with-tenant";
import { databaseNow } from "@/platform/db/db-time";
import { ConflictError, ForbiddenError, NotFoundError } from "@/platform/errors";
import { authorize } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import { appendAudit } from "@/modules/audit/server/append";
import type { grantList, grantToken } from "@/modules/support/api-schemas";
import { STATE_LABELS } from "@/modules/support/domain/model";
import { admitsAccess } from "@/modules/support/domain/state";
import { signGrantToken } from "@/modules/support/server/grant-token";
import { loadRequest, loadRequests, sees, type Visibility } from "@/modules/support/server/store";
import { requestResource, requestViews, stateNow } from "@/modules/support/server/views";

function visibility(scope: TenantScope): Visibility {
  const allowed = scope.allowed(["support.read", "support.break_glass.confirm"] as const);
  return {
    everything: allowed.includes("support.read"),
    breakGlass: allowed.includes("support.break_glass.confirm"),
    userId: scope.actor.userId,
  };
}

/** `GET …/support-access/grants`: every grant, newest first (a support engineer sees their own). */
export function listGrants(
  actor: Actor,
  tenantSlug: string,
  origin: RequestOrigin,
): Promise<z.infer<typeof grantList>> {
  return withTenant(actor, tenantSlug, "support.requests.read", origin, async (scope) => {
    const everything = scope.allowed(["support.read"]).length > 0;
    const loaded = (
      await loadRequests(scope.db, {
        tenantId: scope.tenant.id,
        ...(everything ? {} : { requesterId: scope.actor.userId }),
      })
    ).filter((l) => l.grant);
    const views = await requestViews(scope.db, scope, loaded);
    return {
      tenant: scope.tenant.slug,
      grants: views.map((v) => ({
        ...v.grant!,
        state: v.state,
        state_label: STATE_LABELS[v.state],
        break_glass: v.break_glass,
        requester: v.requester,
        scope: v.scope,
        scope_text: v.scope_text,
        reason: v.reason,
      })),
    };
  });
}

/**
 * `POST …/grants/{grant}/token`: the requester's signed token for an active grant, at most 15
 * minutes long and never past the grant; fetched again while the grant lasts, refused once it
 * is revoked or over.
 */
export function issueGrantToken(
  actor: Actor,
  tenantSlug: string,
  grantId: string,
  origin: RequestOrigin,
): Promise<z.infer<typeof grantToken>> {
  return withTenant(actor, tenantSlug, "support.request", origin, async (scope) => {
    const grant = await scope.db.supportGrant.findFirst({ where: { id: grantId, tenantId: scope.tenant.id } });
    if (!grant) throw new NotFoundError("This tenant has no such grant.", "grant_not_found");
    const loaded = await loadRequest(scope.db, scope.tenant.id, grant.requestId);
    const decision = authorize(policyPrincipal(scope.actor, scope.role), "support.request", requestResource(loaded));
    if (!decision.allowed)
      throw new ForbiddenError("Only the person the grant was given to can fetch its token.", "not_requester");
    const now = await databaseNow(scope.db);
    const state = stateNow(loaded, now);
    if (!admitsAccess(state))
      throw new ConflictError(`No token: the grant is ${STATE_LABELS[state].toLowerCase()}.`, `grant_${state}`);
    const q = loaded.request;
    const signed = await signGrantToken({
      claims: {
        grant_id: grant.id,
        tenant: scope.tenant.slug,
        tenant_id: scope.tenant.id,
        scope: { stores: q.storeIds, data_classes: q.dataClasses, access: q.access },
        reason: q.reason,
        approvers: grant.approverIds,
        grant_expires_at: grant.expiresAt.toISOString(),
      },
      subject: grant.requesterId,
      notBefore: grant.notBefore,
      expiresAt: grant.expiresAt,
      now,
    });
    await scope.db.$transaction(async (tx) => {
      await appendAudit(tx, {
        actor: scope.actor,
        tenantId: scope.tenant.id,
        action: "support.token_issued",
        subject: `support_grant:${grant.id}`,
        outcome: "success",
        details: { expires_at: signed.expiresAt.toISOString(), kid: signed.kid },
      });
    });
    return {
      token: signed.token,
      token_type: "JWS" as const,
      expires_at: signed.expiresAt.toISOString(),
      grant_id: grant.id,
      kid: signed.kid,
    };
  });
}

export async function listRequestViews(
  actor: Actor,
  tenantSlug: string,
  query: { state?: string; mine?: "true" | "false" },
  origin: RequestOrigin,
) {
  return withTenant(actor, tenantSlug, "support.requests.read", origin, async (scope) => {
    const loaded = await loadRequests(scope.db, {
      tenantId: scope.tenant.id,
      ...(query.mine === "true" ? { requesterId: scope.actor.userId } : { visibleTo: visibility(scope) }),
    });
    const views = await requestViews(scope.db, scope, loaded);
    return {
      tenant: scope.tenant.slug,
      requests: query.state ? views.filter((v) => v.state === query.state) : views,
      allowed_actions: scope.allowed([
        "support.request",
        "support.approve",
        "support.policy.manage",
        "support.break_glass.confirm",
        "support.break_glass.review",
      ] as const),
    };
  });
}

export function getRequestView(actor: Actor, tenantSlug: string, requestId: string, origin: RequestOrigin) {
  return withTenant(actor, tenantSlug, "support.requests.read", origin, async (scope) => {
    const loaded = await loadRequest(scope.db, scope.tenant.id, requestId);
    if (!sees(visibility(scope), loaded.request))
      throw new NotFoundError("This tenant has no such support-access request.", "request_not_found");
    const [view] = await requestViews(scope.db, scope, [loaded]);
    return view!;
  });
}
