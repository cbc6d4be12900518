import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { appendAudit } from "@/modules/audit/server/append";
import type { FlowResult } from "@/modules/lineage/server/edges-write";
import type { Tx } from "@/platform/db/transaction";
import type { DatasetChange } from "@/modules/lineage/domain/batch";
import { closeReviewItemFor, openReviewItem } from "@/modules/reviews/server/items";

/**
 * Border alerts and region-unknown findings. An alert is raised when a flow *becomes* a
 * violation (a new edge, or one whose decision lapsed), not on every sighting: at most one
 * alert per subject is open (a partial unique index), and each raised or resolved alert has
 * its own audit entry in the same transaction. Alerts are kept; each opens an item of the
 * compliance review queue (modules/reviews) in the same transaction, which closes when the flow
 * settles itself here or a compliance officer resolves it there (lineage/server/alert-review.ts).
 */

export interface AlertInput {
  tenantId: string;
  kind: "border_violation" | "region_unknown";
  subject: string;
  edgeId: string | null;
  datasetId: string | null;
  fromRegion: string | null;
  toKind: string | null;
  toId: string | null;
  toRegion: string | null;
  dataClasses: string[];
  reason: string;
}

export interface AlertChanges {
  raise: AlertInput[];
  resolve: { tenantId: string; subject: string; reason: string }[];
}

const HARMLESS = new Set(["in_region", "allowed", "allowed_with_condition"]);

/** Which alerts a batch (or a re-evaluation) raises and resolves. */
export function alertChanges(
  flows: readonly FlowResult[],
  datasets: readonly { change: DatasetChange; id: string; tenantId: string; label: string }[],
): AlertChanges {
  const out: AlertChanges = { raise: [], resolve: [] };
  for (const f of flows) {
    const subject = `edge:${f.id}`;
    if (f.outcome === "violation" && f.previous !== "violation") {
      const q = f.classification.question;
      out.raise.push({
        tenantId: f.tenantId,
        kind: "border_violation",
        subject,
        edgeId: f.id,
        datasetId: null,
        fromRegion: q?.from.region ?? null,
        toKind: q?.to.kind ?? null,
        toId: q?.to.id ?? null,
        toRegion: q?.to.region ?? null,
        dataClasses: f.classification.dataClasses,
        reason: f.reason,
      });
    } else if (f.previous === "violation" && HARMLESS.has(f.outcome)) {
      out.resolve.push({ tenantId: f.tenantId, subject, reason: `now ${f.outcome.replace(/_/g, " ")}: ${f.reason}` });
    }
  }
  for (const d of datasets) {
    const wasUnknown = d.change.before?.regionSource === "unknown";
    const isUnknown = d.change.after.regionSource === "unknown";
    const subject = `dataset:${d.id}`;
    if (isUnknown && !wasUnknown) {
      out.raise.push({
        tenantId: d.tenantId,
        kind: "region_unknown",
        subject,
        edgeId: null,
        datasetId: d.id,
        fromRegion: null,
        toKind: null,
        toId: null,
        toRegion: null,
        dataClasses: d.change.after.dataClasses,
        reason: `Nobody says where ${d.label} lives: it has no terrane_residency facet and no namespace rule matches it.`,
      });
    } else if (wasUnknown && !isUnknown) {
      out.resolve.push({
        tenantId: d.tenantId,
        subject,
        reason: `placed in ${d.change.after.region} by ${d.change.after.regionSource}`,
      });
    }
  }
  return out;
}

/** What the review queue shows for an alert: where the data went, never the data. */
function alertTitle(a: AlertInput): string {
  if (a.kind === "region_unknown") return a.reason;
  const to = [a.toId, a.toRegion ? `(${a.toRegion})` : null].filter(Boolean).join(" ");
  const classes = a.dataClasses.length ? a.dataClasses.join(", ") : "data";
  return `${classes} from ${a.fromRegion ?? "an unknown region"} to ${to || "an unknown destination"}`;
}

/** Writes the changes with an audit entry each. Returns how many alerts were raised and resolved. */
export async function applyAlertChanges(
  tx: Tx,
  changes: AlertChanges,
  actor: Actor,
): Promise<{ raised: number; resolved: number }> {
  let raised = 0;
  let resolved = 0;
  if (changes.raise.length > 0) {
    const rows = changes.raise.map((a) => ({
      tenant_id: a.tenantId,
      kind: a.kind,
      subject: a.subject,
      edge_id: a.edgeId,
      dataset_id: a.datasetId,
      from_region: a.fromRegion,
      to_kind: a.toKind,
      to_id: a.toId,
      to_region: a.toRegion,
      data_classes: a.dataClasses,
      reason: a.reason,
    }));
    const created = await tx.$queryRawUnsafe<{ id: string; tenant_id: string; kind: string; subject: string }[]>(
      `INSERT INTO lineage_alerts (id, tenant_id, kind, subject, edge_id, dataset_id, from_region, to_kind, to_id, to_region, data_classes, reason)
       SELECT gen_random_uuid()::text, x.tenant_id, x.kind, x.subject, x.edge_id, x.dataset_id, x.from_region, x.to_kind, x.to_id, x.to_region, x.data_classes, x.reason
         FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id text, kind text, subject text, edge_id text, dataset_id text, from_region text, to_kind text,
              to_id text, to_region text, data_classes text[], reason text)
       ON CONFLICT (tenant_id, subject) WHERE status = 'open' DO NOTHING RETURNING id, tenant_id, kind, subject`,
      JSON.stringify(rows),
    );
    const bySubject = new Map(changes.raise.map((a) => [`${a.tenantId}|${a.subject}`, a]));
    for (const c of created) {
      const a = bySubject.get(`${c.tenant_id}|${c.subject}`)!;
      await appendAudit(tx, {
        actor,
        tenantId: c.tenant_id,
        action: "lineage.alert_raised",
        subject: `lineage_alert:${c.id}`,
        outcome: "success",
        details: {
          kind: a.kind,
          on: a.subject,
          from_region: a.fromRegion,
          to_kind: a.toKind,
          to_id: a.toId,
          to_region: a.toRegion,
          data_classes: a.dataClasses,
          reason: a.reason,
        },
      });
      await openReviewItem(tx, {
        kind: a.kind,
        tenantId: c.tenant_id,
        sourceId: c.id,
        title: alertTitle(a),
        authorId: null,
      });
    }
    raised = created.length;
  }
  if (changes.resolve.length > 0) {
    const done = await tx.$queryRawUnsafe<{ id: string; tenant_id: string; subject: string }[]>(
      `UPDATE lineage_alerts a SET status = 'resolved', resolved_at = CURRENT_TIMESTAMP
         FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id text, subject text)
        WHERE a.tenant_id = x.tenant_id AND a.subject = x.subject AND a.status IN ('open', 'acknowledged')
       RETURNING a.id, a.tenant_id, a.subject`,
      JSON.stringify(changes.resolve.map((r) => ({ tenant_id: r.tenantId, subject: r.subject }))),
    );
    const why = new Map(changes.resolve.map((r) => [`${r.tenantId}|${r.subject}`, r.reason]));
    for (const d of done) {
      await appendAudit(tx, {
        actor,
        tenantId: d.tenant_id,
        action: "lineage.alert_resolved",
        subject: `lineage_alert:${d.id}`,
        outcome: "success",
        details: { on: d.subject, reason: why.get(`${d.tenant_id}|${d.subject}`) ?? "" },
      });
      const settled = {
        state: "resolved" as const,
        outcome: "settled_by_source",
        rationale: why.get(`${d.tenant_id}|${d.subject}`) ?? null,
        actor,
      };
      const kind = d.subject.startsWith("dataset:") ? "region_unknown" : "border_violation";
      await closeReviewItemFor(tx, kind, d.id, settled);
    }
    resolved = done.length;
  }
  return { raised, resolved };
}
