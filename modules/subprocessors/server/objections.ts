import "server-only";
import { openReviewItem } from "@/modules/reviews/server/items";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { databaseNow } from "@/platform/db/db-time";
import { ConflictError, NotFoundError } from "@/platform/errors";
import { formatDateTime } from "@/platform/format";
import { currentRegion } from "@/platform/region/registry";
import { appendAudit } from "@/modules/audit/server/append";
import { notify } from "@/modules/notifications/server/notify";
import { recipientsFor } from "@/modules/notifications/server/recipients";
import { CHANGE_KIND_LABELS, type ChangeKind, type SubprocessorEntry } from "@/modules/subprocessors/domain/model";
import { objectionDue } from "@/modules/subprocessors/domain/objection";
import type { ObjectionView } from "@/modules/subprocessors/api-schemas/tenant";
import { registerSettings } from "@/modules/subprocessors/server/settings";
import { objectionViews } from "@/modules/subprocessors/server/objection-views";

type LockedChange = {
  id: string;
  kind: string;
  state: string;
  effective_at: Date | null;
  subprocessor_id: string;
  after: SubprocessorEntry;
};

/** A reason quoted in a notification's body, which has a length limit of its own. */
export function quoted(text: string, max = 1500): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * `POST …/subprocessor-objections`: a customer admin objects to an announced change while its
 * notice period runs (before its effective date on the database's clock), once per tenant and
 * change. The objection is due for a compliance officer's written outcome within the region's
 * objection deadline. Audited and announced to the region's compliance officers and the tenant's
 * admins (and its webhooks) in the same transaction.
 */
export function raiseObjection(
  actor: Actor,
  tenantSlug: string,
  body: { change_id: string; reason: string },
  request: RequestOrigin,
): Promise<ObjectionView> {
  return withTenant(actor, tenantSlug, "subprocessors.object", request, async ({ db, tenant, actor: user }) => {
    const region = currentRegion().id;
    const id = randomUUID();
    const { row, now } = await db.$transaction(async (tx) => {
      // FOR SHARE: the change cannot be withdrawn or applied under the objection; objections of
      // other tenants to it still go ahead side by side.
      const [change] = await tx.$queryRaw<LockedChange[]>`
        SELECT id, kind, state, effective_at, subprocessor_id, after FROM subprocessor_changes
         WHERE id = ${body.change_id} AND region = ${region} FOR SHARE`;
      if (!change) throw new NotFoundError("No such subprocessor change in this region.", "change_not_found");
      const now = await databaseNow(tx);
      const over =
        change.state === "effective" ||
        (change.state === "announced" && change.effective_at !== null && change.effective_at <= now);
      if (over)
        throw new ConflictError(
          `The notice period of this change ended${change.effective_at ? ` on ${formatDateTime(change.effective_at.toISOString())}` : ""}: it can no longer be objected to.`,
          "notice_period_over",
        );
      if (change.state !== "announced")
        throw new ConflictError(
          `Only an announced change can be objected to; this one is ${change.state}.`,
          "not_announced",
        );
      const settings = await registerSettings(tx, region);
      const dueAt = objectionDue(now, settings.objection_days);
      // skipDuplicates turns a second objection (or two at once) into "nothing inserted", not a crash.
      const inserted = await tx.subprocessorObjection.createMany({
        data: [
          {
            id,
            tenantId: tenant.id,
            changeId: change.id,
            subprocessorId: change.subprocessor_id,
            raisedById: user.userId,
            reason: body.reason,
            dueAt,
            createdAt: now,
          },
        ],
        skipDuplicates: true,
      });
      if (inserted.count === 0)
        throw new ConflictError("This tenant has already objected to this change.", "already_objected");
      await appendAudit(tx, {
        actor: user,
        tenantId: tenant.id,
        action: "subprocessor.objection_raised",
        subject: `subprocessor_objection:${id}`,
        outcome: "success",
        details: {
          change_id: change.id,
          subprocessor_id: change.subprocessor_id,
          reason: body.reason,
          due_at: dueAt.toISOString(),
        },
      });
      const name = change.after.name;
      const kind = CHANGE_KIND_LABELS[change.kind as ChangeKind] ?? change.kind;
      const recipients = await recipientsFor(tx, tenant.id, ["customer_admins", "compliance_officers"]);
      await notify(tx, {
        tenantId: tenant.id,
        event: "subprocessor.objection_raised",
        title: `${tenant.name} objects to ${name}`,
        body: `${user.name} objected for ${tenant.name} to "${kind}: ${name}", effective ${formatDateTime(change.effective_at?.toISOString() ?? null)}. Reason: ${quoted(body.reason)} A compliance officer resolves it in writing by ${formatDateTime(dueAt.toISOString())}.`,
        link: `/t/${tenant.slug}/subprocessors`,
        // The person who objected knows; everyone else who answers for it is told.
        recipients: recipients.filter((r) => r !== user.userId),
        data: {
          objection_id: id,
          tenant: tenant.slug,
          change_id: change.id,
          subprocessor_id: change.subprocessor_id,
          subprocessor: name,
          effective_at: change.effective_at?.toISOString() ?? null,
          reason: body.reason,
          due_at: dueAt.toISOString(),
        },
      });
      await openReviewItem(tx, {
        kind: "subprocessor_objection",
        tenantId: tenant.id,
        sourceId: id,
        title: `${tenant.name} objects to ${kind}: ${name}`,
        authorId: user.userId,
      });
      return { row: await tx.subprocessorObjection.findUniqueOrThrow({ where: { id } }), now };
    });
    return (await objectionViews(db, [row], now))[0]!;
  });
}

/** `GET …/subprocessor-objections`: the tenant's objections, newest first, with outcomes. */
export function listTenantObjections(
  actor: Actor,
  tenantSlug: string,
  request: RequestOrigin,
): Promise<{ objections: ObjectionView[] }> {
  return withTenant(actor, tenantSlug, "subprocessors.read", request, async ({ db, tenant }) => {
    const [rows, now] = await Promise.all([
      db.subprocessorObjection.findMany({ where: { tenantId: tenant.id }, orderBy: { createdAt: "desc" } }),
      databaseNow(db),
    ]);
    return { objections: await objectionViews(db, rows, now) };
  });
}
