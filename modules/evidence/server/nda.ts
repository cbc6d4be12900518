import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin, type TenantRef, type TenantScope } from "@/platform/access/with-tenant";
import type { Tx } from "@/platform/db/transaction";
import { databaseNow } from "@/platform/db/db-time";
import { ConflictError, ForbiddenError } from "@/platform/errors";
import { appendAudit } from "@/modules/audit/server/append";
import { defaultNdaText, ndaOf, type Nda } from "@/modules/evidence/domain/nda";
import { recordEvidenceActivity } from "@/modules/evidence/server/activity";

type StoredNda = Nda & { setAt: Date | null };

/** The NDA in force: the newest stored version, or the default text as version 1. */
async function currentNda(tx: Tx, tenant: TenantRef): Promise<StoredNda> {
  const stored = await tx.tenantNda.findFirst({
    where: { tenantId: tenant.id },
    orderBy: { version: "desc" },
    select: { version: true, text: true, sha256: true, createdAt: true },
  });
  if (stored) return { version: stored.version, text: stored.text, sha256: stored.sha256, setAt: stored.createdAt };
  return { ...ndaOf(1, defaultNdaText(tenant.name)), setAt: null };
}

/** The NDA in force as the caller sees it: with their acceptance (an auditor's) and what they may do. */
async function ndaView(tx: Tx, scope: TenantScope) {
  const nda = await currentNda(tx, scope.tenant);
  const acceptance = scope.auditor
    ? await tx.ndaAcceptance.findFirst({
        where: { membershipId: scope.auditor.membershipId, sha256: nda.sha256 },
        orderBy: { acceptedAt: "desc" },
        select: { acceptedAt: true },
      })
    : null;
  return {
    version: nda.version,
    sha256: nda.sha256,
    text: nda.text,
    set_at: nda.setAt?.toISOString() ?? null,
    accepted_at: scope.auditor?.ndaAccepted && acceptance ? acceptance.acceptedAt.toISOString() : null,
    allowed_actions: scope.allowed(["nda.accept", "auditors.manage"] as const),
  };
}

/** The NDA for an auditor to read (and for admins to check), with the caller's acceptance. */
export function readNda(actor: Actor, tenantSlug: string, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, ["nda.accept", "auditors.read"], request, (scope) =>
    scope.db.$transaction((tx) => ndaView(tx, scope)),
  );
}

/**
 * An auditor accepts the NDA they read. The digest they send must be the text in force (a text
 * changed since they read it is 409 nda_changed); the record keeps name, e-mail, time, address
 * and the digest, and the acceptance opens the engagement, in one transaction.
 */
export function acceptNda(
  actor: Actor,
  tenantSlug: string,
  body: { sha256: string },
  request: RequestOrigin & { ip: string },
) {
  return withTenant(actor, tenantSlug, "nda.accept", request, (scope) =>
    scope.db.$transaction(async (tx) => {
      if (!scope.auditor) throw new ForbiddenError("Only the tenant's auditors accept its NDA.");
      const nda = await currentNda(tx, scope.tenant);
      if (body.sha256 !== nda.sha256)
        throw new ConflictError(
          `The NDA in force is version ${nda.version} (sha256 ${nda.sha256}); read it again and accept that text.`,
          "nda_changed",
        );
      if (!nda.setAt)
        await tx.tenantNda.create({
          data: { tenantId: scope.tenant.id, version: nda.version, text: nda.text, sha256: nda.sha256 },
          select: { id: true },
        });
      const now = await databaseNow(tx);
      const user = await tx.user.findUniqueOrThrow({
        where: { id: scope.actor.userId },
        select: { name: true, email: true },
      });
      await tx.ndaAcceptance.create({
        data: {
          tenantId: scope.tenant.id,
          userId: scope.actor.userId,
          membershipId: scope.auditor.membershipId,
          version: nda.version,
          sha256: nda.sha256,
          name: user.name,
          email: user.email,
          ip: request.ip,
          acceptedAt: now,
        },
        select: { id: true },
      });
      await tx.membership.update({
        where: { id: scope.auditor.membershipId },
        data: { ndaSha256: nda.sha256, ndaAcceptedAt: now },
        select: { id: true },
      });
      await recordEvidenceActivity(tx, {
        tenantId: scope.tenant.id,
        userId: scope.actor.userId,
        kind: "nda.accepted",
        subject: `nda:v${nda.version}`,
        sha256: nda.sha256,
        ip: request.ip,
        at: now,
      });
      await appendAudit(tx, {
        actor: scope.actor,
        tenantId: scope.tenant.id,
        action: "evidence.nda_accepted",
        subject: `auditor:${scope.auditor.membershipId}`,
        outcome: "success",
        details: { version: nda.version, sha256: nda.sha256, ip: request.ip },
      });
      return { version: nda.version, sha256: nda.sha256, accepted_at: now.toISOString() };
    }),
  );
}

/** A new NDA text: the next version, and every auditor of the tenant accepts again before reading on. */
export function setNda(actor: Actor, tenantSlug: string, body: { text: string }, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, "auditors.manage", request, (scope) =>
    scope.db.$transaction(async (tx) => {
      const current = await currentNda(tx, scope.tenant);
      // The default text counts as version 1 whether or not anyone accepted (stored) it.
      const next = ndaOf(current.version + 1, body.text);
      if (next.sha256 === current.sha256) return ndaView(tx, scope);
      await tx.tenantNda.create({
        data: {
          tenantId: scope.tenant.id,
          version: next.version,
          text: next.text,
          sha256: next.sha256,
          createdById: scope.actor.userId,
        },
        select: { id: true },
      });
      const now = await databaseNow(tx);
      const accepted = { tenantId: scope.tenant.id, role: "auditor" as const, ndaSha256: { not: null } };
      const live = await tx.membership.count({
        where: { ...accepted, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      });
      // Lapsed engagements too: one invited again must accept the text in force.
      await tx.membership.updateMany({ where: accepted, data: { ndaSha256: null } });
      await appendAudit(tx, {
        actor: scope.actor,
        tenantId: scope.tenant.id,
        action: "evidence.nda_changed",
        subject: `tenant:${scope.tenant.id}`,
        outcome: "success",
        details: { version: next.version, sha256: next.sha256, auditors_to_accept_again: live },
      });
      return ndaView(tx, scope);
    }),
  );
}
