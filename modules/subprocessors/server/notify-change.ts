import "server-only";
import type { Prisma, Tx } from "@/platform/db/transaction";
import { currentRegion } from "@/platform/region/registry";
import { appendAudit } from "@/modules/audit/server/append";
import { notify } from "@/modules/notifications/server/notify";
import { customerAdminsByTenant, recipientsFor } from "@/modules/notifications/server/recipients";
import { changeWords, unallowedWords, type ChangeMoment } from "@/modules/subprocessors/domain/change-words";
import type { ChangeKind } from "@/modules/subprocessors/domain/model";
import { storedEntry, type ChangeRow } from "@/modules/subprocessors/server/rows";
import type { FlaggedTenant } from "@/modules/subprocessors/server/impact";
import { queueSubscriberMails } from "@/modules/subprocessors/server/subscriber-mail";

export type ChangeEvent =
  "subprocessor.change_announced" | "subprocessor.change_effective" | "subprocessor.change_withdrawn";

const MOMENTS: Record<ChangeEvent, ChangeMoment> = {
  "subprocessor.change_announced": "announced",
  "subprocessor.change_effective": "effective",
  "subprocessor.change_withdrawn": "withdrawn",
};

const SYSTEM = { type: "system" as const, name: "subprocessor-register" };

/**
 * Tells the region's tenants (in-app, webhooks) and the public e-mail subscribers that a change
 * moved, inside the change's transaction; flagged tenants and compliance officers are told what
 * no decision allows.
 *
 * Cost: one query for the tenants, one for all their admins, then one notify() per tenant
 * (about four statements each: notifications, the tenant's endpoints, deliveries, e-mails),
 * then one query and one INSERT per 1,000 subscribers. Tens of tenants add a few
 * milliseconds to the change's transaction; thousands would hold it for seconds, and
 * would want a fan-out job after commit instead.
 */
export async function notifyChange(
  tx: Tx,
  input: { change: ChangeRow; event: ChangeEvent; flagged: FlaggedTenant[] },
): Promise<void> {
  const { change, event, flagged } = input;
  const region = currentRegion();
  const entry = storedEntry(change.after);
  const kind = change.kind as ChangeKind;
  const words = changeWords({ moment: MOMENTS[event], kind, entry, effectiveAt: change.effectiveAt });
  const data = {
    change_id: change.id,
    subprocessor_id: change.subprocessorId,
    name: entry.name,
    kind,
    state: change.state,
    effective_at: change.effectiveAt?.toISOString() ?? null,
    data_classes: entry.data_classes,
    locations: entry.locations,
  };

  const tenants = await tx.tenant.findMany({
    where: { directory: { homeRegion: region.id } },
    select: { id: true, slug: true, name: true },
    orderBy: { slug: "asc" },
  });
  const admins = await customerAdminsByTenant(
    tx,
    tenants.map((t) => t.id),
  );
  for (const tenant of tenants) {
    await notify(tx, {
      tenantId: tenant.id,
      event,
      ...words,
      link: `/t/${tenant.slug}/subprocessors`,
      recipients: admins.get(tenant.id) ?? [],
      data,
    });
  }

  const homed = new Map(tenants.map((t) => [t.id, t]));
  const flaggedHere = flagged.filter((f) => homed.has(f.tenantId) && f.dataClasses.length > 0);
  if (flaggedHere.length > 0) {
    // Compliance officers are the region's, the same for every tenant.
    const compliance = await recipientsFor(tx, flaggedHere[0]!.tenantId, ["compliance_officers"]);
    for (const f of flaggedHere) {
      const tenant = homed.get(f.tenantId)!;
      await notify(tx, {
        tenantId: tenant.id,
        event: "subprocessor.unallowed_transfer",
        ...unallowedWords({
          entry,
          tenantName: tenant.name,
          dataClasses: f.dataClasses,
          effectiveAt: change.effectiveAt,
        }),
        link: `/t/${tenant.slug}/subprocessors`,
        recipients: [...(admins.get(tenant.id) ?? []), ...compliance],
        data: { ...data, tenant: tenant.slug, unallowed_data_classes: f.dataClasses },
      });
      await appendAudit(tx, {
        actor: SYSTEM,
        tenantId: tenant.id,
        action: "subprocessor.unallowed_transfer_flagged",
        subject: `subprocessor_change:${change.id}`,
        outcome: "success",
        details: {
          subprocessor_id: change.subprocessorId,
          data_classes: f.dataClasses,
          locations: entry.locations,
        } as Prisma.InputJsonObject,
      });
    }
  }

  await queueSubscriberMails(tx, region, words);
}
