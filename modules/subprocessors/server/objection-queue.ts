import "server-only";
import { closeReviewItemFor } from "@/modules/reviews/server/items";
import type { Actor } from "@/platform/auth/actor";
import { withRegion } from "@/platform/access/with-region";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import { ConflictError, NotFoundError } from "@/platform/errors";
import { appendAudit } from "@/modules/audit/server/append";
import { notify } from "@/modules/notifications/server/notify";
import { recipientsFor } from "@/modules/notifications/server/recipients";
import {
  CHANGE_STATE_LABELS,
  OBJECTION_OUTCOME_LABELS,
  type ChangeState,
  type ObjectionOutcome,
} from "@/modules/subprocessors/domain/model";
import type { ObjectionState } from "@/modules/subprocessors/domain/objection";
import type { ObjectionView, RegionObjectionsView } from "@/modules/subprocessors/api-schemas/tenant";
import { objectionViews, type ObjectionRow } from "@/modules/subprocessors/server/objection-views";
import { storedEntry } from "@/modules/subprocessors/server/rows";
import { quoted } from "@/modules/subprocessors/server/objections";

/**
 * `GET /api/v1/region/subprocessor-objections`: the region's objections, open ones first (oldest
 * due first), then the resolved history (latest first). Read with region.subprocessors.read, so the
 * provider admins who would withdraw a change read why customers object; only compliance officers
 * get "resolve" in `allowed_actions`.
 */
export function listRegionObjections(actor: Actor, query: { state?: ObjectionState }): Promise<RegionObjectionsView> {
  return withRegion(actor, "region.subprocessors.read", async ({ region, allowed }) => {
    const db = await prisma();
    const [changes, now] = await Promise.all([
      db.subprocessorChange.findMany({ where: { region: region.id }, select: { id: true } }),
      databaseNow(db),
    ]);
    const rows = await db.subprocessorObjection.findMany({
      where: { changeId: { in: changes.map((c) => c.id) }, ...(query.state ? { state: query.state } : {}) },
      orderBy: [{ state: "asc" }, { dueAt: "asc" }],
    });
    const open = rows.filter((r) => r.state === "open");
    const resolved = rows
      .filter((r) => r.state !== "open")
      .sort((a, b) => (b.resolvedAt?.getTime() ?? 0) - (a.resolvedAt?.getTime() ?? 0));
    return {
      region: region.id,
      now: now.toISOString(),
      objections: await objectionViews(db, [...open, ...resolved], now),
      allowed_actions: allowed(["region.subprocessor_objections.resolve"]).length > 0 ? ["resolve"] : [],
    };
  });
}

type LockedObjection = { id: string; tenant_id: string; change_id: string; state: string };

/**
 * `POST …/subprocessor-objections/{id}/resolve`: a compliance officer closes an open objection with
 * an outcome and a written resolution. "The change was withdrawn" is an outcome only once it is
 * (a provider admin withdraws it first). Audited in the tenant's log and announced to its admins
 * (and its webhooks) in the same transaction.
 */
export function resolveObjection(
  actor: Actor,
  id: string,
  body: { outcome: ObjectionOutcome; resolution: string },
): Promise<ObjectionView> {
  return withRegion(actor, "region.subprocessor_objections.resolve", async ({ actor: user, region }) => {
    const db = await prisma();
    const { row, now } = await db.$transaction(async (tx) => {
      const [objection] = await tx.$queryRaw<LockedObjection[]>`
        SELECT id, tenant_id, change_id, state FROM subprocessor_objections WHERE id = ${id} FOR UPDATE`;
      const change = objection
        ? await tx.subprocessorChange.findFirst({ where: { id: objection.change_id, region: region.id } })
        : null;
      if (!objection || !change) throw new NotFoundError("No such objection in this region.", "objection_not_found");
      if (objection.state !== "open")
        throw new ConflictError("This objection is already resolved.", "already_resolved");
      const changeState = change.state as ChangeState;
      if (body.outcome === "change_withdrawn" && changeState !== "withdrawn")
        throw new ConflictError(
          `The change is not withdrawn (it is ${CHANGE_STATE_LABELS[changeState]?.toLowerCase() ?? changeState}): a provider admin withdraws it first, or choose another outcome.`,
          "change_not_withdrawn",
        );
      const now = await databaseNow(tx);
      const row: ObjectionRow = await tx.subprocessorObjection.update({
        where: { id },
        data: {
          state: "resolved",
          outcome: body.outcome,
          resolution: body.resolution,
          resolvedById: user.userId,
          resolvedAt: now,
        },
      });
      await appendAudit(tx, {
        actor: user,
        tenantId: objection.tenant_id,
        action: "subprocessor.objection_resolved",
        subject: `subprocessor_objection:${id}`,
        outcome: "success",
        details: {
          change_id: change.id,
          subprocessor_id: change.subprocessorId,
          outcome: body.outcome,
          resolution: body.resolution,
        },
      });
      await closeReviewItemFor(tx, "subprocessor_objection", id, {
        state: "resolved",
        outcome: body.outcome,
        rationale: body.resolution,
        actor: user,
      });
      const tenant = await tx.tenant.findUniqueOrThrow({
        where: { id: objection.tenant_id },
        select: { slug: true, name: true },
      });
      const name = storedEntry(change.after).name;
      await notify(tx, {
        tenantId: objection.tenant_id,
        event: "subprocessor.objection_resolved",
        title: `Objection to ${name} resolved`,
        body: `${user.name} resolved ${tenant.name}'s objection to ${name}: ${OBJECTION_OUTCOME_LABELS[body.outcome]}. ${quoted(body.resolution, 2500)}`,
        link: `/t/${tenant.slug}/subprocessors`,
        recipients: await recipientsFor(tx, objection.tenant_id, ["customer_admins"]),
        data: {
          objection_id: id,
          tenant: tenant.slug,
          change_id: change.id,
          subprocessor_id: change.subprocessorId,
          subprocessor: name,
          outcome: body.outcome,
          resolution: body.resolution,
          resolved_by: user.name,
          resolved_at: now.toISOString(),
        },
      });
      return { row, now };
    });
    return (await objectionViews(db, [row], now))[0]!;
  });
}
