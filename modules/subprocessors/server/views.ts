import "server-only";
import type { UserActor } from "@/platform/auth/actor";
import type { PrismaClient, Tx } from "@/platform/db/transaction";
import { authorize } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import { currentRegion } from "@/platform/region/registry";
import { maybePerson, peopleById, personOf } from "@/modules/support/server/people";
import type { ChangeView } from "@/modules/subprocessors/api-schemas/register";
import { diffEntries } from "@/modules/subprocessors/domain/diff";
import {
  CHANGE_KIND_LABELS,
  CHANGE_STATE_LABELS,
  type ChangeKind,
  type ChangeState,
} from "@/modules/subprocessors/domain/model";
import { needsNotice } from "@/modules/subprocessors/domain/notice";
import { fieldsOf, storedEntry, type ChangeRow } from "@/modules/subprocessors/server/rows";

type ChangeAction = ChangeView["allowed_actions"][number];

/** Changes as the staff see them: names, the diff, what the caller may do now (decided by Cedar). */
export async function changeViews(db: PrismaClient | Tx, actor: UserActor, rows: ChangeRow[]): Promise<ChangeView[]> {
  if (rows.length === 0) return [];
  const people = await peopleById(
    db,
    rows.flatMap((r) => [r.authorId, r.reviewerId]),
  );
  const objections = await db.subprocessorObjection.groupBy({
    by: ["changeId"],
    where: { changeId: { in: rows.map((r) => r.id) }, state: "open" },
    _count: { _all: true },
  });
  const open = new Map(objections.map((o) => [o.changeId, o._count._all]));
  const principal = policyPrincipal(actor);
  const region = currentRegion().id;
  const canManage = authorize(principal, "region.subprocessors.manage", { type: "Region", id: region }).allowed;
  const reviewer = authorize(principal, "region.subprocessors.review", { type: "Region", id: region }).allowed;
  return rows.map((r) => {
    const state = r.state as ChangeState;
    const kind = r.kind as ChangeKind;
    const before = r.before ? storedEntry(r.before) : null;
    const after = storedEntry(r.after);
    const review = authorize(principal, "region.subprocessors.review", {
      type: "SubprocessorChange",
      id: r.id,
      region: r.region,
      author: r.authorId,
    }).allowed;
    const allowed: ChangeAction[] = [];
    if (state === "proposed" && review) allowed.push("approve", "reject");
    if ((state === "proposed" || state === "announced") && canManage) allowed.push("withdraw");
    const effectiveAt = r.effectiveAt;
    const shortened =
      state !== "proposed" &&
      r.urgentReason !== null &&
      r.noticeDays !== null &&
      effectiveAt !== null &&
      r.reviewedAt !== null
        ? effectiveAt.getTime() < r.reviewedAt.getTime() + r.noticeDays * 86_400_000
        : false;
    return {
      id: r.id,
      subprocessor_id: r.subprocessorId,
      name: after.name,
      kind,
      kind_label: CHANGE_KIND_LABELS[kind],
      state,
      state_label: CHANGE_STATE_LABELS[state],
      before,
      after,
      diff: kind === "retire" ? [] : diffEntries(before && fieldsOf(before), fieldsOf(after)),
      author: personOf(people, r.authorId),
      reviewer: maybePerson(people, r.reviewerId),
      reviewed_at: r.reviewedAt?.toISOString() ?? null,
      review_note: r.reviewNote,
      requested_effective_at: r.requestedEffectiveAt?.toISOString() ?? null,
      notice_days: r.noticeDays,
      needs_notice: needsNotice(kind, before && fieldsOf(before), fieldsOf(after)),
      effective_at: effectiveAt?.toISOString() ?? null,
      urgent_reason: r.urgentReason,
      shortened,
      applied_at: r.appliedAt?.toISOString() ?? null,
      created_at: r.createdAt.toISOString(),
      open_objections: open.get(r.id) ?? 0,
      allowed_actions: allowed,
      four_eyes: state === "proposed" && reviewer && !review,
    };
  });
}
