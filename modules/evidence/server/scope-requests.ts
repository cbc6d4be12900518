import "server-only";
import { closeReviewItemFor, openReviewItem } from "@/modules/reviews/server/items";
import type { z } from "zod";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import type { Tx } from "@/platform/db/transaction";
import { databaseNow } from "@/platform/db/db-time";
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from "@/platform/errors";
import { appendAudit } from "@/modules/audit/server/append";
import { parseBound, PeriodError } from "@/modules/attestations/domain/period";
import { engagementState, type EvidenceAccess } from "@/modules/evidence/domain/engagement";
import { notWider, widened, type EngagementScope } from "@/modules/evidence/domain/scope-request";
import type { scopeDecisionBody, scopeRequestBody } from "@/modules/evidence/api-schemas";
import { select, summaries } from "@/modules/evidence/server/auditors";
import { announceScopeDecision, announceScopeRequest } from "@/modules/evidence/server/announce";
import { scopeRequestSelect, scopeRequestViews } from "@/modules/evidence/server/scope-request-view";

type RequestInput = z.infer<typeof scopeRequestBody>;
type DecisionInput = z.infer<typeof scopeDecisionBody>;

const accessOf = (a: string | null): EvidenceAccess => (a === "evidence" ? "evidence" : "attestations");

function askedPeriod(input: RequestInput): { from: Date; to: Date } {
  try {
    const from = parseBound(input.from, "from");
    const to = parseBound(input.to, "to");
    if (to <= from) throw new BadRequestError("to must come after from.", "scope_empty");
    return { from, to };
  } catch (err) {
    if (err instanceof PeriodError) throw new BadRequestError(err.message, "scope_malformed");
    throw err;
  }
}

/** Locks the auditor's membership row: one request or decision on an engagement at a time. */
async function lockEngagement(tx: Tx, membershipId: string, tenantId: string): Promise<void> {
  await tx.$queryRaw`
    SELECT id FROM memberships WHERE id = ${membershipId} AND tenant_id = ${tenantId} FOR UPDATE`;
}

/** The calling auditor's requests in their engagement, newest first, and whether they may ask. */
export function listOwnScopeRequests(actor: Actor, tenantSlug: string, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, "nda.accept", request, async (scope) => {
    if (!scope.auditor) throw new NotFoundError("You are not an auditor of this tenant.", "auditor_not_found");
    const engagement = await scope.db.membership.findUniqueOrThrow({
      where: { id: scope.auditor.membershipId },
      select: { createdAt: true },
    });
    const rows = await scope.db.auditorScopeRequest.findMany({
      where: { membershipId: scope.auditor.membershipId, createdAt: { gte: engagement.createdAt } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: scopeRequestSelect,
    });
    return {
      requests: await scopeRequestViews(scope.db, rows),
      allowed_actions: scope.allowed(["engagement.scope.request"] as const),
    };
  });
}

/**
 * An auditor with an open engagement (the NDA accepted: the policy says so) asks for more periods
 * or full evidence. The asked scope must keep all the engagement covers and add to it; one request
 * waits at a time (the engagement's row is locked while checking). The tenant's admins are told.
 */
export function requestScope(actor: Actor, tenantSlug: string, input: RequestInput, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, "engagement.scope.request", request, (scope) =>
    scope.db.$transaction(async (tx) => {
      const auditor = scope.auditor;
      if (!auditor) throw new ForbiddenError("Only the tenant's auditors ask for more access.");
      const asked = { access: input.access, ...askedPeriod(input) };
      await lockEngagement(tx, auditor.membershipId, scope.tenant.id);
      const now = await databaseNow(tx);
      const engagement = await tx.membership.findUniqueOrThrow({ where: { id: auditor.membershipId }, select });
      if (engagementState(engagement, now) !== "active")
        throw new ConflictError("Your engagement is not open: accept the NDA first.", "engagement_not_active");
      const current: EngagementScope = {
        access: accessOf(engagement.evidenceAccess),
        from: engagement.scopeFrom,
        to: engagement.scopeTo,
      };
      const why = notWider(current, asked);
      if (why) throw new BadRequestError(why, "scope_not_wider");
      const pending = await tx.auditorScopeRequest.findFirst({
        where: { membershipId: engagement.id, status: "pending", createdAt: { gte: engagement.createdAt } },
        select: { id: true },
      });
      if (pending)
        throw new ConflictError(
          "You already have a request waiting for the tenant's decision; wait for it before asking again.",
          "request_pending",
        );
      const row = await tx.auditorScopeRequest.create({
        data: {
          tenantId: scope.tenant.id,
          membershipId: engagement.id,
          requestedById: scope.actor.userId,
          access: asked.access,
          scopeFrom: asked.from,
          scopeTo: asked.to,
          reason: input.reason,
          currentAccess: current.access,
          currentFrom: current.from,
          currentTo: current.to,
          createdAt: now,
        },
        select: scopeRequestSelect,
      });
      await appendAudit(tx, {
        actor: scope.actor,
        tenantId: scope.tenant.id,
        action: "evidence.scope_requested",
        subject: `auditor:${engagement.id}`,
        outcome: "success",
        details: {
          request_id: row.id,
          access: asked.access,
          scope_from: asked.from.toISOString(),
          scope_to: asked.to.toISOString(),
          reason: input.reason,
          current_access: current.access,
          current_from: current.from?.toISOString() ?? null,
          current_to: current.to?.toISOString() ?? null,
        },
      });
      await openReviewItem(tx, {
        kind: "scope_request",
        tenantId: scope.tenant.id,
        sourceId: row.id,
        title: `${engagement.user.name} (auditor of ${scope.tenant.name}) asks for ${asked.access === "evidence" ? "full evidence" : "attestations"} ${asked.from.toISOString().slice(0, 10)} to ${asked.to.toISOString().slice(0, 10)}`,
        authorId: scope.actor.userId,
      });
      await announceScopeRequest(tx, scope.tenant, {
        id: row.id,
        auditorName: engagement.user.name,
        engagementId: engagement.id,
        reason: input.reason,
        asked,
        expiresAt: engagement.expiresAt,
      });
      return (await scopeRequestViews(tx, [row]))[0]!;
    }),
  );
}

/**
 * A customer admin or compliance officer approves or denies an auditor's request. Approving widens
 * the engagement's scope (the union of what it has and what was asked) in the same transaction;
 * the expiry does not move, and an engagement that ended is not widened. The request's row is
 * locked, so of two concurrent decisions one wins and the other is 409 already_decided.
 */
export function decideScopeRequest(
  actor: Actor,
  tenantSlug: string,
  ids: { auditor: string; request: string },
  input: DecisionInput,
  request: RequestOrigin,
) {
  return withTenant(actor, tenantSlug, "auditors.manage", request, (scope) =>
    scope.db.$transaction(async (tx) => {
      const note = input.note?.trim() ? input.note.trim() : null;
      if (input.decision === "deny" && !note)
        throw new BadRequestError("Say why in the note: the auditor is told.", "note_required");
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM auditor_scope_requests
        WHERE id = ${ids.request} AND membership_id = ${ids.auditor} AND tenant_id = ${scope.tenant.id}
        FOR UPDATE`;
      if (locked.length === 0) throw new NotFoundError("This auditor has no such request.", "scope_request_not_found");
      const found = await tx.auditorScopeRequest.findUniqueOrThrow({
        where: { id: ids.request },
        select: scopeRequestSelect,
      });
      if (found.status !== "pending")
        throw new ConflictError(`This request was already ${found.status}.`, "already_decided");
      const now = await databaseNow(tx);
      const engagement = await tx.membership.findFirstOrThrow({
        where: { id: ids.auditor, tenantId: scope.tenant.id, role: "auditor" },
        select,
      });
      if (engagement.revokedAt || (engagement.expiresAt && engagement.expiresAt <= now))
        throw new ConflictError("This engagement has ended: invite the auditor again instead.", "engagement_ended");
      const approve = input.decision === "approve";
      const current = {
        access: accessOf(engagement.evidenceAccess),
        from: engagement.scopeFrom,
        to: engagement.scopeTo,
      };
      const next = approve
        ? widened(current, { access: accessOf(found.access), from: found.scopeFrom, to: found.scopeTo })
        : current;
      const row = approve
        ? await tx.membership.update({
            where: { id: engagement.id },
            data: { evidenceAccess: next.access, scopeFrom: next.from, scopeTo: next.to },
            select,
          })
        : engagement;
      await tx.auditorScopeRequest.update({
        where: { id: found.id },
        data: { status: approve ? "approved" : "denied", decidedById: scope.actor.userId, decidedAt: now, note },
        select: { id: true },
      });
      await appendAudit(tx, {
        actor: scope.actor,
        tenantId: scope.tenant.id,
        action: approve ? "evidence.scope_approved" : "evidence.scope_denied",
        subject: `auditor:${engagement.id}`,
        outcome: "success",
        details: {
          request_id: found.id,
          email: engagement.user.email,
          ...(approve
            ? {
                access: next.access,
                scope_from: next.from?.toISOString() ?? null,
                scope_to: next.to?.toISOString() ?? null,
                expires_at: engagement.expiresAt?.toISOString() ?? null,
              }
            : {}),
          ...(note ? { note } : {}),
        },
      });
      await closeReviewItemFor(tx, "scope_request", found.id, {
        state: "resolved",
        outcome: input.decision,
        rationale: note,
        actor: scope.actor,
      });
      const decider = await tx.user.findUnique({ where: { id: scope.actor.userId }, select: { name: true } });
      await announceScopeDecision(tx, scope.tenant, {
        requestId: found.id,
        decision: input.decision,
        decidedBy: decider?.name ?? "The tenant",
        note,
        engagement: { id: engagement.id, userId: engagement.userId, ...next, expiresAt: engagement.expiresAt },
      });
      return (await summaries(tx, scope.tenant.id, [row], now))[0]!;
    }),
  );
}
