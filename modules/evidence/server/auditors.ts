import "server-only";
import { closeReviewItemFor } from "@/modules/reviews/server/items";
import type { z } from "zod";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import type { PrismaClient, Tx } from "@/platform/db/transaction";
import { databaseNow } from "@/platform/db/db-time";
import { BadRequestError, ConflictError, NotFoundError } from "@/platform/errors";
import { appendAudit } from "@/modules/audit/server/append";
import { parseBound, PeriodError } from "@/modules/attestations/domain/period";
import { engagementState, latestExpiry, MAX_ENGAGEMENT_DAYS } from "@/modules/evidence/domain/engagement";
import type { auditorSummary, inviteAuditorBody } from "@/modules/evidence/api-schemas";
import { announceInvitation } from "@/modules/evidence/server/announce";
import { newestScopeRequests } from "@/modules/evidence/server/scope-request-view";

export type AuditorSummary = z.infer<typeof auditorSummary>;
type InviteInput = z.infer<typeof inviteAuditorBody>;

export const select = {
  id: true,
  userId: true,
  evidenceAccess: true,
  scopeFrom: true,
  scopeTo: true,
  expiresAt: true,
  ndaSha256: true,
  ndaAcceptedAt: true,
  invitedById: true,
  revokedAt: true,
  revokedById: true,
  createdAt: true,
  user: { select: { name: true, email: true } },
} as const;

type Row = {
  id: string;
  userId: string;
  evidenceAccess: string | null;
  scopeFrom: Date | null;
  scopeTo: Date | null;
  expiresAt: Date | null;
  ndaSha256: string | null;
  ndaAcceptedAt: Date | null;
  invitedById: string | null;
  revokedAt: Date | null;
  revokedById: string | null;
  createdAt: Date;
  user: { name: string; email: string };
};

export async function summaries(
  db: PrismaClient | Tx,
  tenantId: string,
  rows: Row[],
  now: Date,
): Promise<AuditorSummary[]> {
  const people = [...new Set(rows.flatMap((r) => [r.invitedById, r.revokedById]).filter((i): i is string => !!i))];
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: people } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const versions = new Map(
    (
      await db.tenantNda.findMany({
        where: { tenantId, sha256: { in: rows.map((r) => r.ndaSha256).filter((s): s is string => !!s) } },
        select: { sha256: true, version: true },
      })
    ).map((n) => [n.sha256, n.version]),
  );
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? "(account removed)" } : null);
  const requests = await newestScopeRequests(db, rows);
  return rows.map((r) => ({
    id: r.id,
    user_id: r.userId,
    name: r.user.name,
    email: r.user.email,
    state: engagementState(r, now),
    access: r.evidenceAccess === "evidence" ? "evidence" : "attestations",
    scope_from: r.scopeFrom?.toISOString() ?? null,
    scope_to: r.scopeTo?.toISOString() ?? null,
    expires_at: r.expiresAt?.toISOString() ?? null,
    invited_at: r.createdAt.toISOString(),
    invited_by: person(r.invitedById),
    nda:
      r.ndaSha256 && r.ndaAcceptedAt
        ? { version: versions.get(r.ndaSha256) ?? 1, sha256: r.ndaSha256, accepted_at: r.ndaAcceptedAt.toISOString() }
        : null,
    revoked_at: r.revokedAt?.toISOString() ?? null,
    revoked_by: person(r.revokedById),
    scope_request: requests.get(r.id) ?? null,
  }));
}

/** An engagement that ends (or starts over) leaves none of its requests pending. */
async function lapsePendingRequests(tx: Tx, membershipId: string, now: Date): Promise<void> {
  const pending = await tx.auditorScopeRequest.findMany({
    where: { membershipId, status: "pending" },
    select: { id: true },
  });
  await tx.auditorScopeRequest.updateMany({
    where: { membershipId, status: "pending" },
    data: { status: "lapsed", decidedAt: now },
  });
  // Their review items close with them: nothing is left to decide.
  for (const r of pending)
    await closeReviewItemFor(tx, "scope_request", r.id, {
      state: "dismissed",
      outcome: "lapsed",
      rationale: "The auditor's engagement ended or started over before a decision.",
      actor: { type: "system", name: "evidence.engagement" },
    });
}

/** Every auditor engagement of the tenant, current ones first. */
export function listAuditors(actor: Actor, tenantSlug: string, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, "auditors.read", request, async (scope) => {
    const rows = await scope.db.membership.findMany({
      where: { tenantId: scope.tenant.id, role: "auditor" },
      orderBy: [{ createdAt: "desc" }],
      select,
    });
    const now = await databaseNow(scope.db);
    const list = await summaries(scope.db, scope.tenant.id, rows, now);
    const rank = { awaiting_nda: 0, active: 0, expired: 1, revoked: 1 } as const;
    return {
      auditors: list.sort((a, b) => rank[a.state] - rank[b.state]),
      allowed_actions: scope.allowed(["auditors.manage"] as const),
    };
  });
}

function scopeOf(input: InviteInput["scope"]): { from: Date; to: Date } {
  try {
    const from = parseBound(input.from, "from");
    const to = parseBound(input.to, "to");
    if (to <= from) throw new BadRequestError("scope: to must come after from.", "scope_empty");
    return { from, to };
  } catch (err) {
    if (err instanceof PeriodError) throw new BadRequestError(`scope.${err.message}`, "scope_malformed");
    throw err;
  }
}

/**
 * Invites an auditor by e-mail, or changes the engagement of one already invited (a new scope and
 * expiry; the NDA stays accepted). Someone with another role in the tenant, or provider staff,
 * cannot be made its auditor. An address unknown here becomes an account without a password: the
 * auditor signs in through the region's identity provider with that address.
 */
export function inviteAuditor(actor: Actor, tenantSlug: string, input: InviteInput, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, "auditors.manage", request, (scope) =>
    scope.db.$transaction(async (tx) => {
      const now = await databaseNow(tx);
      const expiresAt = new Date(input.expires_at);
      if (expiresAt <= now) throw new BadRequestError("expires_at must be in the future.", "expiry_in_past");
      if (expiresAt > latestExpiry(now))
        throw new BadRequestError(
          `expires_at may be at most ${MAX_ENGAGEMENT_DAYS} days after the invitation (${latestExpiry(now).toISOString()}).`,
          "expiry_too_far",
        );
      const period = scopeOf(input.scope);
      const email = input.email.trim().toLowerCase();
      let user = await tx.user.findUnique({ where: { email }, select: { id: true, providerRole: true, name: true } });
      if (user?.providerRole)
        throw new ConflictError(
          "This address belongs to the provider's staff, who cannot audit a tenant.",
          "provider_staff",
        );
      user ??= await tx.user.create({
        data: { email, name: input.name ?? email.split("@")[0]! },
        select: { id: true, providerRole: true, name: true },
      });
      const existing = await tx.membership.findUnique({
        where: { userId_tenantId: { userId: user.id, tenantId: scope.tenant.id } },
        select: { id: true, role: true, revokedAt: true, expiresAt: true },
      });
      if (existing && existing.role !== "auditor")
        throw new ConflictError(`${user.name} already has the role ${existing.role} in this tenant.`, "already_member");
      const engagement = {
        evidenceAccess: input.scope.access,
        scopeFrom: period.from,
        scopeTo: period.to,
        expiresAt,
        invitedById: scope.actor.userId,
        revokedAt: null,
        revokedById: null,
      };
      // A lapsed engagement starts over: a new NDA acceptance too.
      const lapsed = existing && (existing.revokedAt || (existing.expiresAt && existing.expiresAt <= now));
      const row = existing
        ? await tx.membership.update({
            where: { id: existing.id },
            data: { ...engagement, ...(lapsed ? { ndaSha256: null, ndaAcceptedAt: null, createdAt: now } : {}) },
            select,
          })
        : await tx.membership.create({
            data: { userId: user.id, tenantId: scope.tenant.id, role: "auditor", ...engagement, createdAt: now },
            select,
          });
      // A request the auditor made in an engagement that ended is no longer theirs to wait for.
      if (lapsed) await lapsePendingRequests(tx, row.id, now);
      await appendAudit(tx, {
        actor: scope.actor,
        tenantId: scope.tenant.id,
        action: "evidence.auditor_invited",
        subject: `auditor:${row.id}`,
        outcome: "success",
        details: {
          email,
          access: input.scope.access,
          scope_from: period.from.toISOString(),
          scope_to: period.to.toISOString(),
          expires_at: expiresAt.toISOString(),
          ...(existing && !lapsed ? { changed: true } : {}),
        },
      });
      const inviter = await tx.user.findUnique({ where: { id: scope.actor.userId }, select: { name: true } });
      await announceInvitation(tx, scope.tenant, {
        id: row.id,
        userId: user.id,
        access: input.scope.access,
        from: period.from,
        to: period.to,
        expiresAt,
        invitedBy: inviter?.name ?? "Someone",
        changed: Boolean(existing && !lapsed),
        ndaAccepted: row.ndaSha256 !== null,
      });
      return (await summaries(tx, scope.tenant.id, [row], now))[0]!;
    }),
  );
}

/** Ends an engagement now: the auditor's next request (page, API or token) is refused. */
export function revokeAuditor(actor: Actor, tenantSlug: string, id: string, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, "auditors.manage", request, (scope) =>
    scope.db.$transaction(async (tx) => {
      const found = await tx.membership.findFirst({
        where: { id, tenantId: scope.tenant.id, role: "auditor" },
        select: { id: true, revokedAt: true, user: { select: { email: true } } },
      });
      if (!found) throw new NotFoundError("This tenant has no such auditor.", "auditor_not_found");
      const now = await databaseNow(tx);
      if (found.revokedAt) throw new ConflictError("This engagement was already revoked.", "already_revoked");
      const row = await tx.membership.update({
        where: { id: found.id },
        data: { revokedAt: now, revokedById: scope.actor.userId, expiresAt: now },
        select,
      });
      await lapsePendingRequests(tx, row.id, now);
      await appendAudit(tx, {
        actor: scope.actor,
        tenantId: scope.tenant.id,
        action: "evidence.auditor_revoked",
        subject: `auditor:${row.id}`,
        outcome: "success",
        details: { email: found.user.email },
      });
      return (await summaries(tx, scope.tenant.id, [row], now))[0]!;
    }),
  );
}

/** The auditor's own engagement with the tenant: scope, expiry, who invited them. */
export function ownEngagement(actor: Actor, tenantSlug: string, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, "nda.accept", request, async (scope) => {
    if (!scope.auditor) throw new NotFoundError("You are not an auditor of this tenant.", "auditor_not_found");
    const row = await scope.db.membership.findUniqueOrThrow({ where: { id: scope.auditor.membershipId }, select });
    const now = await databaseNow(scope.db);
    return (await summaries(scope.db, scope.tenant.id, [row], now))[0]!;
  });
}
