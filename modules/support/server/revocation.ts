import "server-only";
import type { Actor } from "@/platform/auth/actor";
import type { Tx } from "@/platform/db/transaction";
import { databaseNow } from "@/platform/db/db-time";
import { appendAudit } from "@/modules/audit/server/append";
import { announce } from "@/modules/support/server/announce";
import { loadRequests, type LoadedRequest } from "@/modules/support/server/store";

export type RevocationCause = "customer_admin" | "tenant_key_disabled" | "requester_disabled";

const CAUSE_WORDS: Record<RevocationCause, string> = {
  customer_admin: "revoked by a customer admin",
  tenant_key_disabled: "ended because the tenant's key was disabled",
  requester_disabled: "ended because the requester's account was disabled",
};

/** Revokes one live grant at once: `authorize` refuses from this commit on and no token is refreshed. */
export async function revokeGrant(
  tx: Tx,
  r: {
    tenant: { id: string; slug: string; name: string };
    loaded: LoadedRequest;
    actor: Actor;
    cause: RevocationCause;
    reason: string | null;
    now: Date;
  },
): Promise<void> {
  const grant = r.loaded.grant;
  if (!grant || grant.revokedAt) return;
  await tx.supportGrant.update({
    where: { id: grant.id },
    data: {
      revokedAt: r.now,
      revokedById: r.actor.type === "user" ? r.actor.userId : null,
      revokeReason: r.reason ?? CAUSE_WORDS[r.cause],
    },
    select: { id: true },
  });
  await tx.supportRequest.update({
    where: { id: r.loaded.request.id },
    data: { state: "revoked" },
    select: { id: true },
  });
  await appendAudit(tx, {
    actor: r.actor,
    tenantId: r.tenant.id,
    action: "support.grant_revoked",
    subject: `support_grant:${grant.id}`,
    outcome: "success",
    details: { request_id: r.loaded.request.id, cause: r.cause, reason: r.reason },
  });
  await announce(tx, {
    tenant: r.tenant,
    event: "support_access.grant_revoked",
    title: `Support access to ${r.tenant.name} ${CAUSE_WORDS[r.cause]}`,
    body: r.reason ?? `The grant was ${CAUSE_WORDS[r.cause]}; the access broker refuses it from now on.`,
    requestId: r.loaded.request.id,
    people: [r.loaded.request.requesterId],
    audiences: ["customer_admins"],
    data: { grant_id: grant.id, cause: r.cause },
  });
}

async function revokeLive(
  tx: Tx,
  where: { tenantId?: string; requesterId?: string },
  actor: Actor,
  cause: RevocationCause,
) {
  const now = await databaseNow(tx);
  const live = await tx.supportGrant.findMany({
    where: { ...where, revokedAt: null, expiresAt: { gt: now } },
    select: { requestId: true, tenantId: true },
  });
  let revoked = 0;
  for (const g of live) {
    const [loaded] = await loadRequests(tx, { tenantId: g.tenantId, ids: [g.requestId] });
    const tenant = await tx.tenant.findUnique({
      where: { id: g.tenantId },
      select: { id: true, slug: true, name: true },
    });
    if (!loaded || !tenant) continue;
    await revokeGrant(tx, { tenant, loaded, actor, cause, reason: null, now });
    revoked++;
  }
  return revoked;
}

/** Every live grant of the tenant ends with its key: called in the disable's transaction. */
export function revokeTenantGrants(tx: Tx, tenantId: string, actor: Actor): Promise<number> {
  return revokeLive(tx, { tenantId }, actor, "tenant_key_disabled");
}

/** Every live grant of a person ends when their account is disabled: called in that transaction. */
export function revokeRequesterGrants(tx: Tx, userId: string, actor: Actor): Promise<number> {
  return revokeLive(tx, { requesterId: userId }, actor, "requester_disabled");
}
