import "server-only";
import { closeReviewItemFor, openReviewItem } from "@/modules/reviews/server/items";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { BadRequestError, ConflictError, NotFoundError } from "@/platform/errors";
import { appendAudit } from "@/modules/audit/server/append";
import { durationWords } from "@/modules/support/domain/scope-text";
import { announce } from "@/modules/support/server/announce";
import { loadSupportPolicy } from "@/modules/support/server/policy-store";
import { requestStep, stepIn, type StepContext } from "@/modules/support/server/steps";
import { revokeGrant } from "@/modules/support/server/revocation";
import { grantInstants, scheduleSupportTimers } from "@/modules/support/server/timers";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const subject = (ctx: StepContext) => `support_request:${ctx.loaded.request.id}`;

/** The grant the last approval makes: from the requested start (or now), for the shortest agreed duration. */
async function issueGrant(
  ctx: StepContext,
  approverIds: string[],
  minutes: number,
  cause: "approvals" | "break_glass",
) {
  const { tx, scope, loaded, now } = ctx;
  const q = loaded.request;
  const notBefore = q.requestedStart > now ? q.requestedStart : now;
  const expiresAt = new Date(notBefore.getTime() + minutes * MINUTE);
  const grant = await tx.supportGrant.create({
    data: {
      requestId: q.id,
      tenantId: q.tenantId,
      requesterId: q.requesterId,
      notBefore,
      expiresAt,
      approverIds,
    },
    select: { id: true },
  });
  await scheduleSupportTimers(tx, grantInstants(notBefore, expiresAt));
  await tx.supportRequest.update({
    where: { id: q.id },
    data: { state: notBefore <= now ? "active" : "approved", decidedAt: now },
    select: { id: true },
  });
  await appendAudit(tx, {
    actor: scope.actor,
    tenantId: q.tenantId,
    action: "support.grant_issued",
    subject: `support_grant:${grant.id}`,
    outcome: "success",
    details: {
      request_id: q.id,
      not_before: notBefore.toISOString(),
      expires_at: expiresAt.toISOString(),
      approvers: approverIds,
      duration_minutes: minutes,
      break_glass: cause === "break_glass",
    },
  });
  await announce(tx, {
    tenant: scope.tenant,
    event: cause === "break_glass" ? "support_access.break_glass_opened" : "support_access.request_approved",
    title:
      cause === "break_glass"
        ? `Break-glass access to ${scope.tenant.name} is open`
        : `Support access to ${scope.tenant.name} approved`,
    body:
      cause === "break_glass"
        ? `Emergency access for ${durationWords(minutes)} was opened without the customer to answer a production alert: ${q.detail} A compliance officer reviews it.`
        : `Access for ${durationWords(minutes)} from ${notBefore.toISOString()} until ${expiresAt.toISOString()}.`,
    requestId: q.id,
    people: [q.requesterId, ...approverIds],
    audiences: cause === "break_glass" ? ["customer_admins", "compliance_officers"] : ["customer_admins"],
    data: { grant_id: grant.id, not_before: notBefore.toISOString(), expires_at: expiresAt.toISOString() },
  });
}

export function approveRequest(
  actor: Actor,
  tenantSlug: string,
  requestId: string,
  input: { duration_minutes?: number },
  origin: RequestOrigin,
) {
  return requestStep(actor, tenantSlug, requestId, origin, {
    tenantAction: "support.approve",
    requestAction: "support.approve",
    countApprovers: true,
    breakGlass: false,
    from: ["pending", "extension_requested"],
    run: async (ctx) => {
      const { tx, scope, loaded, now } = ctx;
      const q = loaded.request;
      const extension = ctx.state === "extension_requested";
      if (extension && q.extensionExpiresAt && q.extensionExpiresAt <= now)
        throw new ConflictError("The extension request expired without a decision.", "request_expired");
      const asked = extension ? q.extensionMinutes! : q.durationMinutes;
      if (input.duration_minutes !== undefined && input.duration_minutes > asked)
        throw new BadRequestError(
          `duration_minutes: an approver can shorten the access, not lengthen it (${asked} minutes were asked).`,
          "duration_longer_than_asked",
        );
      await tx.supportApproval.create({
        data: {
          requestId: q.id,
          round: q.round,
          approverId: scope.actor.userId,
          durationMinutes: input.duration_minutes ?? null,
        },
        select: { id: true },
      });
      const round = [
        ...loaded.approvals.filter((a) => a.round === q.round),
        { approverId: scope.actor.userId, durationMinutes: input.duration_minutes ?? null },
      ];
      const minutes = Math.min(asked, ...round.map((a) => a.durationMinutes ?? asked));
      if (round.length < q.approvalsRequired) {
        await appendAudit(tx, {
          actor: scope.actor,
          tenantId: q.tenantId,
          action: "support.approval_recorded",
          subject: subject(ctx),
          outcome: "success",
          details: {
            round: q.round,
            approvals: round.length,
            approvals_required: q.approvalsRequired,
            duration_minutes: minutes,
          },
        });
        await announce(tx, {
          tenant: scope.tenant,
          event: "support_access.approval_needed",
          title: `Support access to ${scope.tenant.name}: ${q.approvalsRequired - round.length} more approval${q.approvalsRequired - round.length === 1 ? "" : "s"} needed`,
          body: `${scope.actor.name} approved. ${q.approvalsRequired} distinct customer admins must approve before access is granted.`,
          requestId: q.id,
          audiences: ["customer_admins"],
          data: { approvals: round.length, approvals_required: q.approvalsRequired },
        });
        return;
      }
      const approvers = round.map((a) => a.approverId);
      if (!extension) return issueGrant(ctx, approvers, minutes, "approvals");
      const grant = loaded.grant!;
      const to = new Date(grant.expiresAt.getTime() + minutes * MINUTE);
      await tx.supportGrant.update({
        where: { id: grant.id },
        data: {
          expiresAt: to,
          approverIds: [...new Set([...grant.approverIds, ...approvers])],
          expiringNoticeAt: null,
        },
        select: { id: true },
      });
      // The notice and the end move with the grant; its start has passed.
      await scheduleSupportTimers(tx, grantInstants(now, to).slice(1));
      await tx.supportRequest.update({
        where: { id: q.id },
        data: { state: "active", extensionExpiresAt: null },
        select: { id: true },
      });
      await appendAudit(tx, {
        actor: scope.actor,
        tenantId: q.tenantId,
        action: "support.grant_extended",
        subject: `support_grant:${grant.id}`,
        outcome: "success",
        details: { from: grant.expiresAt.toISOString(), to: to.toISOString(), round: q.round, approvers },
      });
      await announce(tx, {
        tenant: scope.tenant,
        event: "support_access.request_approved",
        title: `Support access to ${scope.tenant.name} extended`,
        body: `The grant now lasts until ${to.toISOString()} (${durationWords(minutes)} more).`,
        requestId: q.id,
        people: [q.requesterId],
        audiences: ["customer_admins"],
        data: { grant_id: grant.id, expires_at: to.toISOString() },
      });
    },
  });
}

export function denyRequest(
  actor: Actor,
  tenantSlug: string,
  requestId: string,
  input: { reason?: string },
  origin: RequestOrigin,
) {
  return requestStep(actor, tenantSlug, requestId, origin, {
    tenantAction: "support.approve",
    requestAction: "support.approve",
    breakGlass: false,
    from: ["pending", "extension_requested"],
    run: async (ctx) => {
      const { tx, scope, loaded, now } = ctx;
      const q = loaded.request;
      const extension = ctx.state === "extension_requested";
      await tx.supportRequest.update({
        where: { id: q.id },
        data: extension
          ? {
              state: "active",
              extensionExpiresAt: null,
              denialReason: input.reason ?? null,
              deniedById: scope.actor.userId,
            }
          : { state: "denied", decidedAt: now, deniedById: scope.actor.userId, denialReason: input.reason ?? null },
        select: { id: true },
      });
      await appendAudit(tx, {
        actor: scope.actor,
        tenantId: q.tenantId,
        action: "support.request_denied",
        subject: subject(ctx),
        outcome: "success",
        details: { round: q.round, extension, reason: input.reason ?? null },
      });
      await announce(tx, {
        tenant: scope.tenant,
        event: "support_access.request_denied",
        title: extension
          ? `Extension of support access to ${scope.tenant.name} denied`
          : `Support access to ${scope.tenant.name} denied`,
        body: `${scope.actor.name} denied it${input.reason ? `: ${input.reason}` : "."}`,
        requestId: q.id,
        people: [q.requesterId],
        audiences: ["customer_admins"],
        data: { extension },
      });
    },
  });
}

export function withdrawRequest(actor: Actor, tenantSlug: string, requestId: string, origin: RequestOrigin) {
  return requestStep(actor, tenantSlug, requestId, origin, {
    tenantAction: "support.request",
    requestAction: "support.request",
    from: ["pending", "approved", "extension_requested"],
    run: async (ctx) => {
      const { tx, scope, loaded, now } = ctx;
      const q = loaded.request;
      await tx.supportRequest.update({
        where: { id: q.id },
        data: { state: "withdrawn", withdrawnAt: now },
        select: { id: true },
      });
      if (loaded.grant && !loaded.grant.revokedAt)
        await tx.supportGrant.update({
          where: { id: loaded.grant.id },
          data: { revokedAt: now, revokedById: scope.actor.userId, revokeReason: "Withdrawn by the requester." },
          select: { id: true },
        });
      await appendAudit(tx, {
        actor: scope.actor,
        tenantId: q.tenantId,
        action: "support.request_withdrawn",
        subject: subject(ctx),
        outcome: "success",
        details: { grant_id: loaded.grant?.id ?? null },
      });
    },
  });
}

export function extendRequest(
  actor: Actor,
  tenantSlug: string,
  requestId: string,
  input: { duration_minutes: number; detail: string },
  origin: RequestOrigin,
) {
  return requestStep(actor, tenantSlug, requestId, origin, {
    tenantAction: "support.request",
    requestAction: "support.request",
    breakGlass: false,
    from: ["active"],
    run: async (ctx) => {
      const { tx, scope, loaded, now } = ctx;
      const q = loaded.request;
      const policy = await loadSupportPolicy(tx, q.tenantId);
      if (input.duration_minutes > policy.maxGrantHours * 60)
        throw new BadRequestError(
          `duration_minutes: ${scope.tenant.name} grants at most ${durationWords(policy.maxGrantHours * 60)} at a time.`,
          "duration_over_policy",
        );
      const extensionExpiresAt = new Date(now.getTime() + policy.requestLifetimeHours * HOUR);
      await scheduleSupportTimers(tx, [extensionExpiresAt]);
      await tx.supportRequest.update({
        where: { id: q.id },
        data: {
          state: "extension_requested",
          round: q.round + 1,
          extensionMinutes: input.duration_minutes,
          extensionDetail: input.detail,
          extensionExpiresAt,
          approvalsRequired: policy.approvalsRequired,
          denialReason: null,
          deniedById: null,
        },
        select: { id: true },
      });
      await appendAudit(tx, {
        actor: scope.actor,
        tenantId: q.tenantId,
        action: "support.extension_requested",
        subject: subject(ctx),
        outcome: "success",
        details: { minutes: input.duration_minutes, round: q.round + 1, detail: input.detail },
      });
      await announce(tx, {
        tenant: scope.tenant,
        event: "support_access.approval_needed",
        title: `Longer support access to ${scope.tenant.name} requested: approval needed`,
        body: `${scope.actor.name} asks for ${durationWords(input.duration_minutes)} more: ${input.detail}`,
        requestId: q.id,
        audiences: ["customer_admins"],
        data: { extension_minutes: input.duration_minutes },
      });
    },
  });
}

export function confirmBreakGlass(actor: Actor, tenantSlug: string, requestId: string, origin: RequestOrigin) {
  return requestStep(actor, tenantSlug, requestId, origin, {
    tenantAction: "support.break_glass.confirm",
    requestAction: "support.break_glass.confirm",
    breakGlass: true,
    from: ["pending"],
    run: async (ctx) => {
      await ctx.tx.supportRequest.update({
        where: { id: ctx.loaded.request.id },
        data: { confirmedById: ctx.scope.actor.userId },
        select: { id: true },
      });
      await issueGrant(ctx, [ctx.scope.actor.userId], ctx.loaded.request.durationMinutes, "break_glass");
      // Opened without the customer: a compliance officer reviews it afterwards (modules/reviews).
      await openReviewItem(ctx.tx, {
        kind: "break_glass",
        tenantId: ctx.loaded.request.tenantId,
        sourceId: ctx.loaded.request.id,
        title: `Emergency access to ${ctx.scope.tenant.name} (${ctx.loaded.request.durationMinutes} min): ${ctx.loaded.request.reason}`,
        authorId: ctx.loaded.request.requesterId,
      });
    },
  });
}

export function reviewBreakGlass(
  actor: Actor,
  tenantSlug: string,
  requestId: string,
  input: { rationale: string },
  origin: RequestOrigin,
) {
  return requestStep(actor, tenantSlug, requestId, origin, {
    tenantAction: "support.break_glass.review",
    requestAction: "support.break_glass.review",
    breakGlass: true,
    from: ["active", "ended", "revoked", "withdrawn"],
    run: async (ctx) => {
      const q = ctx.loaded.request;
      if (!q.confirmedById) throw new ConflictError("This emergency access was never opened.", "not_opened");
      if (q.reviewedAt) throw new ConflictError("This emergency access has already been reviewed.", "already_reviewed");
      await ctx.tx.supportRequest.update({
        where: { id: q.id },
        data: { reviewedById: ctx.scope.actor.userId, reviewedAt: ctx.now, reviewRationale: input.rationale },
        select: { id: true },
      });
      await appendAudit(ctx.tx, {
        actor: ctx.scope.actor,
        tenantId: q.tenantId,
        action: "support.break_glass_reviewed",
        subject: subject(ctx),
        outcome: "success",
        details: { rationale: input.rationale },
      });
      await closeReviewItemFor(ctx.tx, "break_glass", q.id, {
        state: "resolved",
        outcome: "reviewed",
        rationale: input.rationale,
        actor: ctx.scope.actor,
      });
    },
  });
}

export function revokeSupportGrant(
  actor: Actor,
  tenantSlug: string,
  grantId: string,
  input: { reason?: string },
  origin: RequestOrigin,
) {
  return withTenant(actor, tenantSlug, "support.approve", origin, async (scope) => {
    const grant = await scope.db.supportGrant.findFirst({
      where: { id: grantId, tenantId: scope.tenant.id },
      select: { requestId: true },
    });
    if (!grant) throw new NotFoundError("This tenant has no such grant.", "grant_not_found");
    return stepIn(scope, grant.requestId, {
      tenantAction: "support.approve",
      from: ["approved", "active", "extension_requested"],
      run: async (ctx) => {
        await revokeGrant(ctx.tx, {
          tenant: scope.tenant,
          loaded: ctx.loaded,
          actor: scope.actor,
          cause: "customer_admin",
          reason: input.reason ?? null,
          now: ctx.now,
        });
      },
    });
  });
}
