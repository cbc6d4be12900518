import "server-only";
import type { UserActor } from "@/platform/auth/actor";
import type { Tx } from "@/platform/db/transaction";
import { appendAudit } from "@/modules/audit/server/append";
import { notify } from "@/modules/notifications/server/notify";
import { customerAdminsByTenant } from "@/modules/notifications/server/recipients";
import {
  DISPOSITION_LABELS,
  KIND_LABELS,
  notificationState,
  prohibitionHolds,
} from "@/modules/lawful-access/domain/model";
import type { Disposition, RequestKind } from "@/modules/lawful-access/domain/model";
import type { RequestRow } from "@/modules/lawful-access/server/views";

type RequestAction =
  "lawful_access.request_recorded" | "lawful_access.request_updated" | "lawful_access.request_closed";

/**
 * The audit entries of a change to a request, in its transaction.
 *
 * The region's log gets everything the register holds but the summary (tenant ids, the
 * prohibition's basis, the rationale): it is read by the provider's compliance staff and its
 * leaves are public only as salted hashes.
 *
 * Each affected tenant's log gets an entry only while no prohibition holds, and that entry says
 * only what the tenant may know: the request's kind, authority, jurisdiction, instrument and
 * data classes, and on closing its disposition. It never names the other tenants concerned nor
 * their number (telling one customer who else was asked about is not ours to tell), nor the
 * rationale. While a prohibition holds, nothing is written to the tenant's log at all — not even
 * an entry with less in it, since the existence of an entry is itself the disclosure; the tenant
 * gets its entry when the prohibition is lifted (an update), see register.ts.
 */
export async function auditRequest(
  tx: Tx,
  actor: UserActor,
  row: RequestRow,
  now: Date,
  input: { action: RequestAction; changed?: string[] },
): Promise<void> {
  const subject = `lawful_access_request:${row.id}`;
  const changed = input.changed ? { changed: input.changed } : {};
  await appendAudit(tx, {
    actor,
    action: input.action,
    subject,
    outcome: "success",
    details: {
      kind: row.kind,
      authority: row.authority,
      jurisdiction: row.jurisdiction,
      legal_instrument: row.legalInstrument,
      data_classes: row.dataClasses,
      tenant_ids: row.tenantIds,
      received_at: row.receivedAt.toISOString(),
      notification: notificationState(row, now),
      prohibition_basis: row.prohibitionBasis,
      prohibition_until: row.prohibitionUntil?.toISOString() ?? null,
      disposition: row.disposition,
      rationale: row.rationale,
      ...changed,
    },
  });
  if (prohibitionHolds(row, now)) return;
  for (const tenantId of row.tenantIds) {
    await appendAudit(tx, {
      actor,
      tenantId,
      action: input.action,
      subject,
      outcome: "success",
      details: {
        kind: row.kind,
        authority: row.authority,
        jurisdiction: row.jurisdiction,
        legal_instrument: row.legalInstrument,
        data_classes: row.dataClasses,
        received_at: row.receivedAt.toISOString(),
        disposition: row.disposition,
        ...changed,
      },
    });
  }
}

/** Tells `tenantIds`' customer admins (in-app, e-mail, webhooks); the caller checked no prohibition holds. */
export async function notifyTenants(
  tx: Tx,
  row: RequestRow,
  event: "lawful_access.request_recorded" | "lawful_access.request_closed",
  tenantIds: readonly string[],
): Promise<void> {
  if (tenantIds.length === 0) return;
  const tenants = await tx.tenant.findMany({ where: { id: { in: [...tenantIds] } }, select: { id: true, slug: true } });
  const admins = await customerAdminsByTenant(
    tx,
    tenants.map((t) => t.id),
  );
  const kind = KIND_LABELS[row.kind as RequestKind].toLowerCase();
  for (const tenant of tenants) {
    const closed = event === "lawful_access.request_closed";
    await notify(tx, {
      tenantId: tenant.id,
      event,
      title: closed
        ? `A government request about ${tenant.slug} was closed: ${DISPOSITION_LABELS[row.disposition as Disposition].toLowerCase()}`
        : `A government request about ${tenant.slug} was received`,
      body: closed
        ? `The ${kind} from ${row.authority} (${row.jurisdiction}) is closed: ${DISPOSITION_LABELS[row.disposition as Disposition].toLowerCase()}.`
        : `${row.authority} (${row.jurisdiction}) sent a ${kind} (${row.legalInstrument}) concerning ${row.dataClasses.length > 0 ? row.dataClasses.join(", ") : "your tenant"}. The provider's compliance officers handle it; you see it under Governance → Lawful access.`,
      link: `/t/${tenant.slug}/governance/lawful-access`,
      recipients: admins.get(tenant.id) ?? [],
      data: {
        request_id: row.id,
        kind: row.kind,
        jurisdiction: row.jurisdiction,
        received_at: row.receivedAt.toISOString(),
        ...(closed ? { disposition: row.disposition } : {}),
      },
    });
  }
}
