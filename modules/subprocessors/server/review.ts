import "server-only";
import { closeReviewItemFor } from "@/modules/reviews/server/items";
import type { Actor, UserActor } from "@/platform/auth/actor";
import { withRegion } from "@/platform/access/with-region";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import type { Tx } from "@/platform/db/transaction";
import { ConflictError, ForbiddenError, NotFoundError } from "@/platform/errors";
import { authorize } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import { appendAudit } from "@/modules/audit/server/append";
import { attestationSigner } from "@/modules/attestations/server/sign";
import type { ChangeView } from "@/modules/subprocessors/api-schemas/register";
import { CHANGE_STATE_LABELS, type ChangeState } from "@/modules/subprocessors/domain/model";
import { effectiveDate, needsNotice } from "@/modules/subprocessors/domain/notice";
import { applyChange, scheduleApply } from "@/modules/subprocessors/server/apply";
import { flaggedTenants } from "@/modules/subprocessors/server/impact";
import { notifyChange } from "@/modules/subprocessors/server/notify-change";
import { fieldsOf, rowData, storedEntry, type ChangeRow } from "@/modules/subprocessors/server/rows";
import { registerSettings } from "@/modules/subprocessors/server/settings";
import { recordSnapshot } from "@/modules/subprocessors/server/snapshot";
import { changeViews } from "@/modules/subprocessors/server/views";

async function findChange(region: string, id: string): Promise<ChangeRow> {
  const db = await prisma();
  const change = await db.subprocessorChange.findFirst({ where: { id, region } });
  if (!change) throw new NotFoundError(`The register of ${region} has no change ${id}.`, "change_not_found");
  return change;
}

/** Locks the change and checks it is still in one of `states`; a decision taken meanwhile is a 409. */
async function lockInState(tx: Tx, id: string, states: ChangeState[]): Promise<ChangeRow> {
  await tx.$queryRaw`SELECT id FROM subprocessor_changes WHERE id = ${id} FOR UPDATE`;
  const change = await tx.subprocessorChange.findUniqueOrThrow({ where: { id } });
  if (!states.includes(change.state as ChangeState))
    throw new ConflictError(
      `This change is ${CHANGE_STATE_LABELS[change.state as ChangeState].toLowerCase()}; it can no longer be ${states.includes("announced") ? "withdrawn" : "reviewed"}.`,
      "already_decided",
    );
  return change;
}

/** Four eyes, asked of the policy with the change's author: never your own proposal. */
function assertMayReview(actor: UserActor, change: ChangeRow): void {
  const decision = authorize(policyPrincipal(actor), "region.subprocessors.review", {
    type: "SubprocessorChange",
    id: change.id,
    region: change.region,
    author: change.authorId,
  });
  if (!decision.allowed)
    throw new ForbiddenError(
      "You proposed this change: a compliance officer who did not propose it approves or rejects it (four eyes).",
      "four_eyes",
    );
}

async function viewOf(actor: UserActor, change: ChangeRow): Promise<ChangeView> {
  const [view] = await changeViews(await prisma(), actor, [change]);
  return view!;
}

/**
 * `POST …/subprocessor-changes/{id}/approve`: announces the change. Its date is the one asked
 * for, but never inside the region's notice period counted from now, unless the proposal gave an
 * urgent reason, which this approval accepts. The tenants a new class would reach without a
 * decision are flagged, the register snapshot is signed, customers are told, all in one commit.
 */
export function approveChange(actor: Actor, id: string, body: { note?: string }): Promise<ChangeView> {
  return withRegion(actor, "region.subprocessors.review", async ({ actor, region }) => {
    const found = await findChange(region.id, id);
    assertMayReview(actor, found);
    const after = storedEntry(found.after);
    const flagged = found.kind === "retire" ? [] : await flaggedTenants(after);
    const signer = await attestationSigner();
    const db = await prisma();
    const change = await db.$transaction(async (tx) => {
      const change = await lockInState(tx, id, ["proposed"]);
      const now = await databaseNow(tx);
      const settings = await registerSettings(tx, region.id);
      const before = change.before ? storedEntry(change.before) : null;
      const notice = needsNotice(change.kind as "add", before && fieldsOf(before), fieldsOf(after));
      const when = effectiveDate({
        now,
        noticeDays: settings.notice_days,
        needsNotice: notice,
        requested: change.requestedEffectiveAt,
        urgentReason: change.urgentReason,
      });
      // A date that was far enough when proposed but is not now moves to the end of the notice.
      const effectiveAt = when.ok ? when.effectiveAt : when.earliest;
      let announced = await tx.subprocessorChange.update({
        where: { id },
        data: {
          state: "announced",
          reviewerId: actor.userId,
          reviewedAt: now,
          reviewNote: body.note ?? null,
          noticeDays: settings.notice_days,
          effectiveAt,
        },
      });
      if (change.kind === "add")
        await tx.subprocessor.create({
          data: rowData({ ...after, status: "announced", effective_at: effectiveAt.toISOString() }, region.id),
        });
      await appendAudit(tx, {
        actor,
        action: "subprocessor.change_approved",
        subject: `subprocessor_change:${id}`,
        outcome: "success",
        details: {
          subprocessor_id: change.subprocessorId,
          kind: change.kind,
          effective_at: effectiveAt.toISOString(),
          notice_days: settings.notice_days,
          shortened: when.ok && when.shortened,
          urgent_reason: change.urgentReason,
          note: body.note ?? null,
          flagged_tenants: flagged.length,
        },
      });
      await closeReviewItemFor(tx, "subprocessor_change", id, {
        state: "resolved",
        outcome: "approve",
        rationale: body.note ?? null,
        actor,
      });
      await notifyChange(tx, { change: announced, event: "subprocessor.change_announced", flagged });
      if (effectiveAt.getTime() <= now.getTime()) {
        announced = await applyChange(tx, announced, signer);
      } else {
        await recordSnapshot(tx, signer, { changeId: id, reason: "announced" });
        await scheduleApply(tx, effectiveAt);
      }
      return announced;
    });
    return viewOf(actor, change);
  });
}

/** `POST …/{id}/reject`: a compliance officer who did not propose it turns it down, with a note. */
export function rejectChange(actor: Actor, id: string, body: { note: string }): Promise<ChangeView> {
  return withRegion(actor, "region.subprocessors.review", async ({ actor, region }) => {
    assertMayReview(actor, await findChange(region.id, id));
    const db = await prisma();
    const change = await db.$transaction(async (tx) => {
      const change = await lockInState(tx, id, ["proposed"]);
      const now = await databaseNow(tx);
      const rejected = await tx.subprocessorChange.update({
        where: { id },
        data: { state: "rejected", reviewerId: actor.userId, reviewedAt: now, reviewNote: body.note },
      });
      await appendAudit(tx, {
        actor,
        action: "subprocessor.change_rejected",
        subject: `subprocessor_change:${id}`,
        outcome: "success",
        details: { subprocessor_id: change.subprocessorId, note: body.note },
      });
      await closeReviewItemFor(tx, "subprocessor_change", id, {
        state: "resolved",
        outcome: "reject",
        rationale: body.note,
        actor,
      });
      return rejected;
    });
    return viewOf(actor, change);
  });
}

/**
 * `POST …/{id}/withdraw`: a provider admin takes back a proposed or announced change before it
 * takes effect. An announced one was public: the snapshot is signed again and customers are told.
 */
export function withdrawChange(actor: Actor, id: string, body: { note?: string }): Promise<ChangeView> {
  return withRegion(actor, "region.subprocessors.manage", async ({ actor, region }) => {
    const found = await findChange(region.id, id);
    const signer = found.state === "announced" ? await attestationSigner() : null;
    const db = await prisma();
    const change = await db.$transaction(async (tx) => {
      const change = await lockInState(tx, id, ["proposed", "announced"]);
      if (change.state === "announced" && !signer)
        throw new ConflictError("The change was announced meanwhile; try again.", "state_changed");
      const withdrawn = await tx.subprocessorChange.update({ where: { id }, data: { state: "withdrawn" } });
      if (change.state === "announced" && change.kind === "add")
        await tx.subprocessor.deleteMany({ where: { id: change.subprocessorId, status: "announced" } });
      await appendAudit(tx, {
        actor,
        action: "subprocessor.change_withdrawn",
        subject: `subprocessor_change:${id}`,
        outcome: "success",
        details: { subprocessor_id: change.subprocessorId, was: change.state, note: body.note ?? null },
      });
      // A proposal withdrawn before review leaves nothing to review.
      await closeReviewItemFor(tx, "subprocessor_change", id, {
        state: "dismissed",
        outcome: "withdrawn",
        rationale: body.note ?? null,
        actor,
      });
      if (change.state === "announced" && signer) {
        await recordSnapshot(tx, signer, { changeId: id, reason: "withdrawn" });
        await notifyChange(tx, { change: withdrawn, event: "subprocessor.change_withdrawn", flagged: [] });
      }
      return withdrawn;
    });
    return viewOf(actor, change);
  });
}
