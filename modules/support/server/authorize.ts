import "server-only";
import type { z } from "zod";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import { appendAudit } from "@/modules/audit/server/append";
import type { authorizeAnswer, authorizeBody } from "@/modules/support/api-schemas";
import { judgeAccess, type GrantForJudging } from "@/modules/support/domain/judge-access";
import type { AccessLevel } from "@/modules/support/domain/model";
import { verifyGrantToken } from "@/modules/support/server/grant-token";
import { tenantStores, type Db, type StoreMap } from "@/modules/support/server/store";

type Answer = z.infer<typeof authorizeAnswer>;

/** The grant as the judge needs it, or why there is none to judge by. */
export async function grantForJudging(
  db: Db,
  tenantId: string,
  grantId: string,
  stores: StoreMap,
): Promise<GrantForJudging | null> {
  const grant = await db.supportGrant.findFirst({ where: { id: grantId, tenantId } });
  if (!grant) return null;
  const [request, requester] = await Promise.all([
    db.supportRequest.findUniqueOrThrow({
      where: { id: grant.requestId },
      select: { access: true, storeIds: true, dataClasses: true },
    }),
    db.user.findUnique({ where: { id: grant.requesterId }, select: { email: true } }),
  ]);
  return {
    id: grant.id,
    tenantId: grant.tenantId,
    requesterId: grant.requesterId,
    requesterEmail: requester?.email ?? "",
    access: request.access as AccessLevel,
    storeIds: request.storeIds,
    dataClasses: request.dataClasses,
    storeClasses: new Map(request.storeIds.map((id) => [id, stores.get(id)?.classes ?? []])),
    notBefore: grant.notBefore,
    expiresAt: grant.expiresAt,
    revokedAt: grant.revokedAt,
  };
}

/** A store named by id or by name, as the data plane knows it. */
export function resolveStore(stores: StoreMap, named: string | undefined | null): string | null {
  if (!named) return null;
  if (stores.has(named)) return named;
  for (const s of stores.values()) if (s.name === named) return s.id;
  return `unknown:${named}`;
}

/**
 * The access broker's online check: may this principal do this one access now, under this
 * grant token? The token's signature and times, then the grant as it is in the database now
 * (revoked, ended, the tenant's key disabled, the requester's account disabled), then the scope.
 * Every refusal is written to the audit log.
 */
export async function authorizeSupportAccess(
  ingestTokenId: string,
  body: z.infer<typeof authorizeBody>,
): Promise<Answer> {
  const db = await prisma();
  const now = await databaseNow(db);
  const refused = async (
    code: string,
    reason: string,
    tenantId: string | null,
    grantId: string | null,
  ): Promise<Answer> => {
    await db.$transaction(async (tx) => {
      await appendAudit(tx, {
        actor: { type: "system", name: `ingest-token:${ingestTokenId}` },
        tenantId,
        action: "support.authorize_refused",
        subject: grantId ? `support_grant:${grantId}` : tenantId ? `tenant:${tenantId}` : null,
        outcome: "denied",
        details: {
          code,
          principal: body.principal,
          store: body.store ?? null,
          data_class: body.data_class,
          operation: body.operation,
        },
      });
    });
    return { allow: false, reason, code, grant_id: grantId };
  };

  const checked = await verifyGrantToken(body.token, now);
  if (!checked.ok) return refused(checked.code, checked.reason, null, null);
  const { claims } = checked;
  const tenant = await db.tenant.findUnique({ where: { id: claims.tenant_id }, select: { id: true, slug: true } });
  if (!tenant || tenant.slug !== claims.tenant)
    return refused("unknown_tenant", "The token names no tenant of this region.", null, null);
  const [stores, keys, requester] = await Promise.all([
    tenantStores(db, tenant.id),
    db.tenantKey.findMany({ where: { tenantId: tenant.id }, select: { state: true } }),
    db.user.findUnique({ where: { id: claims.sub! }, select: { disabledAt: true } }),
  ]);
  if (keys.length === 0 || keys.some((k) => k.state !== "enabled"))
    return refused(
      "tenant_key_disabled",
      "The tenant's key is not enabled: no one reads its data.",
      tenant.id,
      claims.grant_id,
    );
  if (!requester || requester.disabledAt)
    return refused("requester_disabled", "The requester's account is disabled.", tenant.id, claims.grant_id);
  const grant = await grantForJudging(db, tenant.id, claims.grant_id, stores);
  if (!grant || grant.requesterId !== claims.sub)
    return refused("unknown_grant", "The token names no grant of this tenant.", tenant.id, claims.grant_id);
  const judged = judgeAccess(grant, {
    tenantId: tenant.id,
    principal: body.principal,
    storeId: resolveStore(stores, body.store),
    dataClass: body.data_class,
    operation: body.operation,
    at: now,
  });
  if (!judged.within) return refused(judged.code, judged.reason, tenant.id, grant.id);
  return { allow: true, reason: judged.reason, code: "within_grant", grant_id: grant.id };
}
