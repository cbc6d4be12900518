import "server-only";
import type { Actor } from "@/platform/auth/actor";
import type { Tx } from "@/platform/db/transaction";
import { appendAudit } from "@/modules/audit/server/append";

/**
 * A compliance officer's hand on an alert, from the review queue (modules/reviews): claiming
 * the item acknowledges the alert (someone is on it), resolving the item resolves the alert.
 * The alert row is kept either way: a resolved violation stays in the tenant's history and in
 * its attestations, which count alerts by when they were raised, not by their status.
 */

/** Marks an open alert acknowledged; an alert already acknowledged or resolved is left alone. */
export async function acknowledgeAlert(tx: Tx, actor: Actor, tenantId: string, alertId: string): Promise<boolean> {
  const userId = actor.type === "user" ? actor.userId : null;
  const done = await tx.lineageAlert.updateMany({
    where: { id: alertId, tenantId, status: "open" },
    data: { status: "acknowledged", acknowledgedAt: new Date(), acknowledgedById: userId },
  });
  if (done.count === 0) return false;
  await appendAudit(tx, {
    actor,
    tenantId,
    action: "lineage.alert_acknowledged",
    subject: `lineage_alert:${alertId}`,
    outcome: "success",
    details: {},
  });
  return true;
}

/** Resolves an open or acknowledged alert, with why, in the caller's transaction. */
export async function resolveAlert(
  tx: Tx,
  actor: Actor,
  tenantId: string,
  alertId: string,
  reason: string,
): Promise<boolean> {
  const userId = actor.type === "user" ? actor.userId : null;
  const [row] = await tx.$queryRaw<{ id: string; subject: string; acknowledged_at: Date | null }[]>`
    UPDATE lineage_alerts
       SET status = 'resolved', resolved_at = CURRENT_TIMESTAMP,
           acknowledged_at = COALESCE(acknowledged_at, CURRENT_TIMESTAMP),
           acknowledged_by_id = COALESCE(acknowledged_by_id, ${userId})
     WHERE id = ${alertId} AND tenant_id = ${tenantId} AND status IN ('open', 'acknowledged')
    RETURNING id, subject, acknowledged_at`;
  if (!row) return false;
  await appendAudit(tx, {
    actor,
    tenantId,
    action: "lineage.alert_resolved",
    subject: `lineage_alert:${alertId}`,
    outcome: "success",
    details: { on: row.subject, reason },
  });
  return true;
}
