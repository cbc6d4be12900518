import "server-only";
import type { UserActor } from "@/platform/auth/actor";
import type { RequestOrigin } from "@/platform/access/with-tenant";
import { prisma } from "@/platform/db/db";
import type { Tx } from "@/platform/db/transaction";
import { ConflictError, NotFoundError, TerraneError } from "@/platform/errors";
import { appendAudit } from "@/modules/audit/server/append";
import { acknowledgeAlert, resolveAlert } from "@/modules/lineage/server/alert-review";
import { notify } from "@/modules/notifications/server/notify";
import { recipientsFor } from "@/modules/notifications/server/recipients";
import { decisionStep } from "@/modules/sharing/server/workflow";
import { reviewBreakGlass } from "@/modules/support/server/decisions";
import { approveChange, rejectChange } from "@/modules/subprocessors/server/review";
import { resolveObjection } from "@/modules/subprocessors/server/objection-queue";
import type { ObjectionOutcome } from "@/modules/subprocessors/domain/model";
import { reviewAttestation } from "@/modules/attestations/server/review";
import { decideScopeRequest } from "@/modules/evidence/server/scope-requests";
import { closeReviewItemFor } from "@/modules/reviews/server/items";
import { KINDS, type OutcomeSpec, type ReviewKind } from "@/modules/reviews/domain/kinds";
import { kindOf, type ItemRow } from "@/modules/reviews/server/views";

/**
 * What resolving an item does to its source. Kinds with a workflow of their own (a sharing
 * decision's review, a subprocessor change, an objection, an attestation, a break-glass review,
 * an auditor's request) run that workflow, with its own policy checks, locks and audit entries,
 * and the workflow closes the item in its transaction: the queue never decides around it.
 * Findings without a workflow (lineage alerts, outside-grant accesses) are settled here, in the
 * queue's transaction.
 */

/** Kinds the queue settles itself (no workflow of their own). */
export const SETTLED_HERE: readonly ReviewKind[] = ["border_violation", "region_unknown", "outside_grant_access"];

/** Claiming an alert's item acknowledges the alert: someone is on it. */
export async function acknowledgeSource(tx: Tx, actor: UserActor, item: ItemRow): Promise<void> {
  const kind = kindOf(item);
  if ((kind === "border_violation" || kind === "region_unknown") && item.tenantId)
    await acknowledgeAlert(tx, actor, item.tenantId, item.sourceId);
}

/** Settles a finding in the queue's transaction (the item is locked and open), then closes the item. */
export async function settleHere(
  tx: Tx,
  actor: UserActor,
  item: ItemRow,
  outcome: OutcomeSpec,
  rationale: string,
): Promise<void> {
  const kind = kindOf(item);
  if ((kind === "border_violation" || kind === "region_unknown") && item.tenantId)
    await resolveAlert(tx, actor, item.tenantId, item.sourceId, `${outcome.label}: ${rationale}`);
  if (kind === "outside_grant_access" && outcome.key === "escalated" && item.tenantId) {
    const tenant = await tx.tenant.findUniqueOrThrow({
      where: { id: item.tenantId },
      select: { slug: true, name: true },
    });
    await notify(tx, {
      tenantId: item.tenantId,
      event: "support_access.outside_grant_access",
      title: `Accesses outside a grant were not justified (${tenant.name})`,
      body: `${actor.name} reviewed ${item.title} and escalates it to you: ${rationale}`,
      link: `/t/${tenant.slug}/support`,
      recipients: await recipientsFor(tx, item.tenantId, ["customer_admins"]),
      data: { review_item_id: item.id, tenant: tenant.slug, outcome: outcome.key, rationale },
    });
  }
  await closeReviewItemFor(tx, kind, item.sourceId, { state: outcome.state, outcome: outcome.key, rationale, actor });
  await appendAudit(tx, {
    actor,
    tenantId: item.tenantId,
    action: "review.item_closed",
    subject: `review_item:${item.id}`,
    outcome: "success",
    details: { kind, source_id: item.sourceId, state: outcome.state, outcome: outcome.key, rationale },
  });
}

async function tenantSlug(tenantId: string | null): Promise<string> {
  if (!tenantId) throw new NotFoundError("This item's tenant is gone.", "tenant_not_found");
  const db = await prisma();
  const t = await db.tenant.findUnique({ where: { id: tenantId }, select: { slug: true } });
  if (!t) throw new NotFoundError("This item's tenant is gone.", "tenant_not_found");
  return t.slug;
}

/** Runs the source's own workflow for the chosen outcome; the workflow closes the item. */
export async function runWorkflow(
  actor: UserActor,
  item: ItemRow,
  outcome: OutcomeSpec,
  rationale: string,
  origin: RequestOrigin,
): Promise<void> {
  const kind = kindOf(item);
  switch (kind) {
    case "sharing_decision": {
      const db = await prisma();
      const version = await db.sharingDecisionVersion.findFirst({
        where: { id: item.sourceId, tenantId: item.tenantId ?? "" },
        select: { decisionId: true },
      });
      if (!version) throw new NotFoundError("The decision version is gone.", "source_not_found");
      await decisionStep(
        actor,
        await tenantSlug(item.tenantId),
        version.decisionId,
        outcome.key === "approve" ? "approve" : "rejectReview",
        { reason: rationale },
        origin,
      );
      return;
    }
    case "break_glass":
      await reviewBreakGlass(actor, await tenantSlug(item.tenantId), item.sourceId, { rationale }, origin);
      return;
    case "subprocessor_change":
      if (outcome.key === "approve") await approveChange(actor, item.sourceId, { note: rationale });
      else await rejectChange(actor, item.sourceId, { note: rationale });
      return;
    case "subprocessor_objection":
      await resolveObjection(actor, item.sourceId, {
        outcome: outcome.key as ObjectionOutcome,
        resolution: rationale,
      });
      return;
    case "attestation":
      await reviewAttestation(
        actor,
        await tenantSlug(item.tenantId),
        item.sourceId,
        { decision: outcome.key === "publish" ? "publish" : "reject", note: rationale },
        origin,
      );
      return;
    case "scope_request": {
      const db = await prisma();
      const request = await db.auditorScopeRequest.findFirst({
        where: { id: item.sourceId, tenantId: item.tenantId ?? "" },
        select: { membershipId: true },
      });
      if (!request) throw new NotFoundError("The auditor's request is gone.", "source_not_found");
      try {
        await decideScopeRequest(
          actor,
          await tenantSlug(item.tenantId),
          { auditor: request.membershipId, request: item.sourceId },
          { decision: outcome.key === "approve" ? "approve" : "deny", note: rationale },
          origin,
        );
      } catch (err) {
        // An engagement that ended leaves nothing to decide: the item closes as lapsed, and the
        // caller still hears why the decision was refused.
        if (err instanceof TerraneError && err.code === "engagement_ended") {
          const db2 = await prisma();
          await db2.$transaction((tx) =>
            closeReviewItemFor(tx, "scope_request", item.sourceId, {
              state: "dismissed",
              outcome: "lapsed",
              rationale: "The auditor's engagement ended before a decision.",
              actor,
            }),
          );
        }
        throw err;
      }
      return;
    }
    case "border_violation":
    case "region_unknown":
    case "outside_grant_access":
      throw new ConflictError(`${KINDS[kind].label} items are settled by the queue itself.`, "no_workflow");
  }
}
