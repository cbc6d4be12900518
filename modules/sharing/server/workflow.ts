import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { databaseNow } from "@/platform/db/db-time";
import type { Prisma } from "@/platform/db/generated/prisma/client";
import { forgetSharingPolicy } from "@/modules/sharing/server/policy";
import { reevaluateTenantEdges } from "@/modules/lineage/server/evaluate";
import { loadDecisionDetail } from "@/modules/sharing/server/read";
import { actingRole, lockDecision, recordStep } from "@/modules/sharing/server/record";
import { contentOf, loadDecisions, openVersion, type VersionRow } from "@/modules/sharing/server/store";
import { withTenant, type RequestOrigin, type TenantScope } from "@/platform/access/with-tenant";
import type { Tx } from "@/platform/db/transaction";
import { ConflictError, ForbiddenError } from "@/platform/errors";
import { authorize, type TenantAction } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import { decisionContentDigest } from "@/modules/sharing/domain/content-digest";
import type { StoredStatus } from "@/modules/sharing/domain/model";
import type { AuditEvent } from "@/modules/audit/domain/actions";
import { CONTRIBUTING_EVENTS, STEP_RULES } from "@/modules/sharing/domain/steps";
import { closeReviewItemFor, openReviewItem } from "@/modules/reviews/server/items";

/**
 * The workflow of a version: draft → in review (a compliance officer who did not write it) →
 * approved → accepted by the tenant's customer admin → in force from its effective date.
 * Reviewers and the customer can send it back to draft with a reason; drafters can withdraw it.
 */

interface Step {
  name: string;
  action: TenantAction;
  /** Event type and audit action suffix (`sharing_decision.<event>` is registered). */
  event: AuditEvent<"sharing_decision">;
  from: readonly StoredStatus[];
  to: StoredStatus;
  /** A reviewer must be neither the author nor an editor of the version (four eyes). */
  fourEyes: boolean;
  data: (now: Date, userId: string) => Prisma.SharingDecisionVersionUpdateInput;
}

const LABEL: Record<StoredStatus, string> = {
  draft: "a draft",
  in_review: "in compliance review",
  approved: "approved and awaiting the customer's acceptance",
  accepted: "accepted",
  withdrawn: "withdrawn",
};

const backToDraft = () => ({ status: "draft" as const, submittedAt: null, reviewedById: null, reviewedAt: null });

const STEPS = {
  submit: {
    ...STEP_RULES.submit,
    name: "submitted for review",
    event: "submitted",
    to: "in_review",
    data: (now) => ({ submittedAt: now }),
  },
  approve: {
    ...STEP_RULES.approve,
    name: "approved",
    event: "approved",
    to: "approved",
    data: (now, user) => ({ reviewedById: user, reviewedAt: now }),
  },
  rejectReview: {
    ...STEP_RULES["reject-review"],
    name: "rejected in review",
    event: "review_rejected",
    to: "draft",
    data: backToDraft,
  },
  accept: {
    ...STEP_RULES.accept,
    name: "accepted",
    event: "accepted",
    to: "accepted",
    data: (now, user) => ({ acceptedById: user, acceptedAt: now }),
  },
  reject: {
    ...STEP_RULES.reject,
    name: "rejected",
    event: "rejected",
    to: "draft",
    data: backToDraft,
  },
  withdraw: {
    ...STEP_RULES.withdraw,
    name: "withdrawn",
    event: "withdrawn",
    to: "withdrawn",
    data: (now) => ({ withdrawnAt: now }),
  },
} satisfies Record<string, Step>;

export type StepName = keyof typeof STEPS;

async function checkFourEyes(tx: Tx, scope: TenantScope, v: VersionRow): Promise<void> {
  const authors = await tx.sharingDecisionEvent.findMany({
    where: { versionId: v.id, tenantId: scope.tenant.id, type: { in: [...CONTRIBUTING_EVENTS] } },
    select: { actorId: true },
  });
  const contributors = [v.authorId, ...authors.map((a) => a.actorId)];
  const decision = authorize(policyPrincipal(scope.actor, scope.role), "decisions.review", {
    type: "DecisionVersion",
    id: v.id,
    tenantId: scope.tenant.id,
    contributors,
  });
  if (decision.allowed) return;
  if (decision.policies.includes("four-eyes")) {
    throw new ForbiddenError(
      `You wrote or edited version ${v.version}; four eyes: a different compliance officer must review it.`,
      "four_eyes",
    );
  }
  throw new ForbiddenError("Your role in this tenant does not allow reviewing this version.");
}

function refusal(step: Step, open: VersionRow | null, latest: VersionRow): ConflictError {
  const needs = step.from.map((s) => LABEL[s]).join(" or ");
  const detail = open
    ? `Version ${open.version} is ${LABEL[open.status]}; only a version that is ${needs} can be ${step.name}.`
    : `The decision has no version in the workflow (version ${latest.version} is ${LABEL[latest.status]}); edit it to start a new version.`;
  return new ConflictError(detail, "decision_state_conflict");
}

function changedSinceShown(open: VersionRow): ConflictError {
  return new ConflictError(
    `Version ${open.version} has changed since it was shown to you (it was sent back, edited and submitted again). Reload it and check what you are agreeing to.`,
    "decision_changed",
  );
}

/**
 * The compliance review queue (modules/reviews) follows the workflow in the same transaction: a
 * submitted version opens its item; a review's approval or rejection, or a withdrawal, closes it.
 */
async function reviewQueueStep(
  tx: Tx,
  scope: TenantScope,
  decision: { dataClassKey: string; destination: { id: string } },
  open: VersionRow,
  name: StepName,
  reason: string | null,
): Promise<void> {
  if (name === "submit") {
    await openReviewItem(tx, {
      kind: "sharing_decision",
      tenantId: scope.tenant.id,
      sourceId: open.id,
      title: `${decision.dataClassKey} → ${decision.destination.id}, version ${open.version} (${scope.tenant.name})`,
      authorId: open.authorId,
    });
    return;
  }
  const close =
    name === "approve"
      ? ({ state: "resolved", outcome: "approve" } as const)
      : name === "rejectReview"
        ? ({ state: "resolved", outcome: "reject" } as const)
        : name === "withdraw"
          ? ({ state: "dismissed", outcome: "withdrawn" } as const)
          : null;
  if (close)
    await closeReviewItemFor(tx, "sharing_decision", open.id, { ...close, rationale: reason, actor: scope.actor });
}

export interface StepInput {
  reason: string | null;
  /** The `content_digest` of the version as the person saw it; a different one is refused. */
  contentDigest?: string;
}

/** One step under the decision's row lock, with its event, audit entry and policy revision. */
export function decisionStep(
  actor: Actor,
  tenantSlug: string,
  decisionId: string,
  name: StepName,
  input: StepInput,
  request: RequestOrigin,
) {
  const step: Step = STEPS[name];
  return withTenant(actor, tenantSlug, step.action, request, async (scope) => {
    const { db, tenant } = scope;
    await db.$transaction(async (tx) => {
      await lockDecision(tx, tenant.id, decisionId);
      const [decision] = await loadDecisions(tx, tenant.id, { id: decisionId });
      const open = openVersion(decision!);
      if (!open || !step.from.includes(open.status))
        throw refusal(step, open, decision!.versions[decision!.versions.length - 1]!);
      const digest = decisionContentDigest(decision!, contentOf(open));
      if (input.contentDigest !== undefined && input.contentDigest !== digest) throw changedSinceShown(open);
      if (step.fourEyes) await checkFourEyes(tx, scope, open);
      const now = await databaseNow(tx);
      await tx.sharingDecisionVersion.update({
        where: { id: open.id },
        data: { ...step.data(now, scope.actor.userId), status: step.to, updatedAt: now },
        select: { id: true },
      });
      await recordStep(tx, scope, {
        decisionId,
        versionId: open.id,
        version: open.version,
        type: step.event,
        role: actingRole(scope, step.action),
        reason: input.reason,
        details: { from_status: open.status, to_status: step.to, content_digest: digest },
      });
      await reviewQueueStep(tx, scope, decision!, open, name, input.reason);
    });
    forgetSharingPolicy(tenant.id);
    // An acceptance changes what is in force: the tenant's lineage edges are judged again, so
    // a flow the customer just allowed stops being a violation (and its alert resolves).
    if (step.to === "accepted") await reevaluateTenantEdges(tenant.id);
    return loadDecisionDetail(scope, decisionId);
  });
}
