import "server-only";
import { appendAudit } from "@/modules/audit/server/append";
import { prisma } from "@/platform/db/db";
import { alertChanges, applyAlertChanges } from "@/modules/lineage/server/alerts";
import { evaluateFlows } from "@/modules/lineage/server/decisions";
import { evaluationOf, type FlowResult } from "@/modules/lineage/server/edges-write";
import { datasetState, type RawClient } from "@/modules/lineage/server/snapshot";
import { StaleSnapshotError } from "@/modules/lineage/server/write";
import { ServiceUnavailableError } from "@/platform/errors";
import { classifyFlow, type EdgeOutcome, type FlowClassification } from "@/modules/lineage/domain/evaluation";

interface FlowRow {
  id: string;
  source_id: string;
  target_id: string;
  outcome: string;
  s_region: string | null;
  s_subprocessor: string | null;
  s_form: string | null;
  s_classes: string[];
  t_region: string | null;
  t_subprocessor: string | null;
  t_form: string | null;
  t_classes: string[];
}

async function readFlows(
  client: RawClient,
  tenantId: string,
  lock: boolean,
): Promise<{ row: FlowRow; c: FlowClassification }[]> {
  const rows = await client.$queryRawUnsafe<FlowRow[]>(
    `SELECT e.id, e.source_id, e.target_id, e.outcome,
            s.region AS s_region, s.subprocessor AS s_subprocessor, s.form AS s_form, s.data_classes AS s_classes,
            t.region AS t_region, t.subprocessor AS t_subprocessor, t.form AS t_form, t.data_classes AS t_classes
       FROM lineage_edges e
       JOIN lineage_datasets s ON s.id = e.source_id AND s.tenant_id = e.tenant_id
       JOIN lineage_datasets t ON t.id = e.target_id AND t.tenant_id = e.tenant_id
      WHERE e.tenant_id = $1 AND e.kind = 'flow' ORDER BY e.id ${lock ? "FOR UPDATE OF e" : ""}`,
    tenantId,
  );
  const place = (region: string | null, subprocessor: string | null, form: string | null, classes: string[]) =>
    datasetState({
      id: "",
      tenant_id: tenantId,
      namespace: "",
      name: "",
      region,
      region_source: region ? "facet" : "unknown",
      subprocessor,
      form,
      data_classes: classes,
      facets: {},
      facets_at: null,
    });
  return rows.map((row) => ({
    row,
    c: classifyFlow(
      place(row.s_region, row.s_subprocessor, row.s_form, row.s_classes),
      place(row.t_region, row.t_subprocessor, row.t_form, row.t_classes),
    ),
  }));
}

export interface ReevaluationResult {
  flows: number;
  changed: number;
  alerts_raised: number;
  alerts_resolved: number;
}

/**
 * Re-evaluates every dataset-to-dataset flow of a tenant against the decisions in force now:
 * for the decisions workflow to call when a decision comes into force, is withdrawn or
 * expires. A flow that becomes a violation raises an alert; one that becomes allowed resolves
 * its open alert. Call it after your transaction has committed: it asks evaluateFlow outside
 * its own transaction, and on the embedded database a caller's open transaction would hold the
 * only connection.
 */
export async function reevaluateTenantEdges(tenantId: string, at: Date = new Date()): Promise<ReevaluationResult> {
  const db = await prisma();
  for (let attempt = 1; attempt <= 4; attempt++) {
    const draft = await readFlows(db, tenantId, false);
    const answers = await evaluateFlows(
      draft.flatMap(({ c }) => (c.question ? [{ tenantId, question: c.question }] : [])),
      at,
    );
    try {
      return await db.$transaction(
        async (tx) => {
          const locked = await readFlows(tx, tenantId, true);
          const flows: FlowResult[] = [];
          const updates: Record<string, unknown>[] = [];
          for (const { row, c } of locked) {
            const ev = evaluationOf(tenantId, c, answers);
            if (!ev) throw new StaleSnapshotError("a flow changed while the decisions were asked");
            flows.push({
              id: row.id,
              tenantId,
              previous: row.outcome as EdgeOutcome,
              outcome: ev.outcome,
              reason: ev.reason,
              classification: c,
              sourceId: row.source_id,
              targetId: row.target_id,
            });
            // Only judgements that changed are written: the periodic pass must not churn the registers.
            if (row.outcome !== ev.outcome) {
              updates.push({
                id: row.id,
                crossing: c.crossing,
                outcome: ev.outcome,
                data_classes: c.dataClasses,
                form: c.form,
                decisions: ev.decisions,
                reason: ev.reason,
              });
            }
          }
          if (updates.length > 0) {
            await tx.$executeRawUnsafe(
              `UPDATE lineage_edges e SET crossing = x.crossing, outcome = x.outcome, data_classes = x.data_classes, form = x.form,
                      decisions = x.decisions, reason = x.reason, evaluated_at = $2::timestamp(3)
                 FROM jsonb_to_recordset($1::jsonb) AS x(id text, crossing text, outcome text, data_classes text[], form text, decisions jsonb, reason text)
                WHERE e.id = x.id AND e.tenant_id = $3`,
              JSON.stringify(updates),
              at.toISOString(),
              tenantId,
            );
          }
          const actor = { type: "system" as const, name: "lineage-reevaluation" };
          const alerts = await applyAlertChanges(tx, alertChanges(flows, []), actor);
          const changed = flows.filter((f) => f.previous !== f.outcome).length;
          if (changed === 0 && alerts.raised === 0 && alerts.resolved === 0)
            return { flows: flows.length, changed, alerts_raised: 0, alerts_resolved: 0 };
          await appendAudit(tx, {
            actor,
            tenantId,
            action: "lineage.reevaluated",
            subject: `tenant:${tenantId}`,
            outcome: "success",
            details: {
              flows: flows.length,
              changed,
              alerts_raised: alerts.raised,
              alerts_resolved: alerts.resolved,
              at: at.toISOString(),
            },
          });
          return { flows: flows.length, changed, alerts_raised: alerts.raised, alerts_resolved: alerts.resolved };
        },
        { timeout: 120_000, maxWait: 30_000 },
      );
    } catch (err) {
      if (!(err instanceof StaleSnapshotError)) throw err;
    }
  }
  throw new ServiceUnavailableError("The lineage registers kept changing; re-evaluate again.", "lineage_busy");
}
