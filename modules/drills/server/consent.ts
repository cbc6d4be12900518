import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { BadRequestError, ConflictError } from "@/platform/errors";
import { databaseNow } from "@/platform/db/db-time";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { appendAudit } from "@/modules/audit/server/append";
import { activeConsent } from "@/modules/drills/server/guards";
import { CONSENT_MAX_DAYS, type DrillKind } from "@/modules/drills/domain/model";

const DAY_MS = 86_400_000;

export interface ConsentView {
  id: string;
  kinds: DrillKind[];
  granted_by: { id: string; name: string };
  granted_at: string;
  expires_at: string;
}

export interface ConsentState {
  consent: ConsentView | null;
  allowed_actions: "drills.consent.manage"[];
}

async function view(db: PrismaClient, c: Awaited<ReturnType<typeof activeConsent>>): Promise<ConsentView | null> {
  if (!c) return null;
  const by = await db.user.findUnique({ where: { id: c.grantedById }, select: { id: true, name: true } });
  return {
    id: c.id,
    kinds: c.kinds as DrillKind[],
    granted_by: by ?? { id: c.grantedById, name: "A former user" },
    granted_at: c.grantedAt.toISOString(),
    expires_at: c.expiresAt.toISOString(),
  };
}

/** The customer's consent in force (or none), for everyone who reads the tenant's drills. */
export function getConsent(actor: Actor, tenantSlug: string, request: RequestOrigin): Promise<ConsentState> {
  return withTenant(actor, tenantSlug, "drills.read", request, async ({ db, tenant, allowed }) => ({
    consent: await view(db, await activeConsent(db, tenant.id, await databaseNow(db))),
    allowed_actions: allowed(["drills.consent.manage"] as const),
  }));
}

/** A customer admin consents to drills of `kinds` until `expires_at` (replacing any consent in force). */
export function grantConsent(
  actor: Actor,
  tenantSlug: string,
  body: { kinds: DrillKind[]; expires_at: Date },
  request: RequestOrigin,
): Promise<ConsentState> {
  return withTenant(
    actor,
    tenantSlug,
    "drills.consent.manage",
    request,
    async ({ db, tenant, actor: user, allowed }) => {
      const now = await databaseNow(db);
      if (body.expires_at.getTime() <= now.getTime())
        throw new BadRequestError("The consent must end in the future.", "expires_in_past");
      if (body.expires_at.getTime() > now.getTime() + CONSENT_MAX_DAYS * DAY_MS)
        throw new BadRequestError(
          `A consent lasts at most ${CONSENT_MAX_DAYS} days; give it again when it ends.`,
          "expires_too_late",
        );
      const kinds = [...new Set(body.kinds)].sort();
      await db.$transaction(async (tx) => {
        const earlier = await tx.drillConsent.findMany({
          where: { tenantId: tenant.id, revokedAt: null, expiresAt: { gt: now } },
          select: { id: true },
        });
        if (earlier.length)
          await tx.drillConsent.updateMany({
            where: { id: { in: earlier.map((e) => e.id) } },
            data: { revokedAt: now, revokedById: user.userId },
          });
        const created = await tx.drillConsent.create({
          data: { tenantId: tenant.id, kinds, grantedById: user.userId, grantedAt: now, expiresAt: body.expires_at },
          select: { id: true },
        });
        await appendAudit(tx, {
          actor: user,
          tenantId: tenant.id,
          action: "drill.consent_granted",
          subject: `drill_consent:${created.id}`,
          outcome: "success",
          details: { kinds, expires_at: body.expires_at.toISOString(), replaces: earlier.map((e) => e.id) },
        });
      });
      return {
        consent: await view(db, await activeConsent(db, tenant.id, now)),
        allowed_actions: allowed(["drills.consent.manage"] as const),
      };
    },
  );
}

/** A customer admin withdraws the consent in force (409 `no_consent` when there is none). */
export function revokeConsent(actor: Actor, tenantSlug: string, request: RequestOrigin): Promise<ConsentState> {
  return withTenant(
    actor,
    tenantSlug,
    "drills.consent.manage",
    request,
    async ({ db, tenant, actor: user, allowed }) => {
      const now = await databaseNow(db);
      await db.$transaction(async (tx) => {
        const current = await activeConsent(tx, tenant.id, now);
        if (!current) throw new ConflictError("No consent is in force.", "no_consent");
        await tx.drillConsent.update({
          where: { id: current.id },
          data: { revokedAt: now, revokedById: user.userId },
          select: { id: true },
        });
        await appendAudit(tx, {
          actor: user,
          tenantId: tenant.id,
          action: "drill.consent_revoked",
          subject: `drill_consent:${current.id}`,
          outcome: "success",
          details: { kinds: current.kinds },
        });
      });
      return { consent: null, allowed_actions: allowed(["drills.consent.manage"] as const) };
    },
  );
}
