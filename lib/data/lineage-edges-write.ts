import "server-only";
import type { Prisma } from "@/lib/data/generated/prisma/client";
import type { FlowAnswer } from "@/lib/data/lineage-decisions";
import { StaleSnapshotError } from "@/lib/data/lineage-write";
import type { Tx } from "@/lib/data/transaction";
import type { BatchPlan } from "@/lib/lineage/batch";
import { questionKey, type EdgeOutcome, type FlowClassification } from "@/lib/lineage/evaluation";

/** What a flow edge became in this batch: enough to raise or resolve its alert. */
export interface FlowResult {
  id: string;
  tenantId: string;
  /** null: the edge is new. */
  previous: EdgeOutcome | null;
  outcome: EdgeOutcome;
  reason: string;
  classification: FlowClassification;
  sourceId: string;
  targetId: string;
}

export interface Evaluated {
  outcome: EdgeOutcome;
  decisions: Prisma.InputJsonValue[];
  reason: string;
}

/** The stored evaluation of a classified flow: its answer from the decisions, if it needed one. */
export function evaluationOf(tenantId: string, c: FlowClassification, answers: ReadonlyMap<string, FlowAnswer>): Evaluated | null {
  if (!c.question) return { outcome: c.outcome, decisions: [], reason: c.reason };
  const a = answers.get(questionKey(tenantId, c.question));
  return a ? { outcome: a.outcome, decisions: a.decisions, reason: a.reason } : null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Every edge the batch touched: counts added, first/last seen widened, and each flow's
 * evaluation replaced by the one just made. Returns the flows with their previous outcome.
 */
export async function writeEdges(
  tx: Tx,
  plan: BatchPlan,
  datasetIds: ReadonlyMap<string, string>,
  jobIds: ReadonlyMap<string, string>,
  answers: ReadonlyMap<string, FlowAnswer>,
  evaluatedAt: Date,
): Promise<{ flows: FlowResult[]; created: number }> {
  const rows: Record<string, unknown>[] = [];
  for (const [key, e] of plan.edges) {
    const source = e.kind === "output" ? jobIds.get(e.source) : datasetIds.get(e.source);
    const target = e.kind === "input" ? jobIds.get(e.target) : datasetIds.get(e.target);
    if (!source || !target) continue;
    const base = { key, tenant_id: e.tenantId, kind: e.kind, source_id: source, target_id: target, count: e.increment, first_seen_at: iso(e.firstSeen), last_seen_at: iso(e.lastSeen) };
    const c = plan.flows.get(key);
    if (e.kind !== "flow" || !c) {
      rows.push({ ...base, crossing: null, outcome: "not_evaluated", data_classes: [], form: null, decisions: [], reason: null, evaluated_at: null });
      continue;
    }
    const ev = evaluationOf(e.tenantId, c, answers);
    // The flow changed between the decisions were asked and the rows were locked.
    if (!ev) throw new StaleSnapshotError("a flow needs an evaluation nobody asked for");
    rows.push({ ...base, crossing: c.crossing, outcome: ev.outcome, data_classes: c.dataClasses, form: c.form, decisions: ev.decisions, reason: ev.reason, evaluated_at: iso(evaluatedAt) });
  }
  if (rows.length === 0) return { flows: [], created: 0 };
  rows.sort((a, b) => (String(a.key) < String(b.key) ? -1 : 1));
  const json = JSON.stringify(rows);
  const columns = `key text, tenant_id text, kind text, source_id text, target_id text, count int, first_seen_at timestamp(3), last_seen_at timestamp(3),
    crossing text, outcome text, data_classes text[], form text, decisions jsonb, reason text, evaluated_at timestamp(3)`;
  const before = await tx.$queryRawUnsafe<{ id: string; outcome: string }[]>(
    `SELECT e.id, e.outcome FROM lineage_edges e JOIN jsonb_to_recordset($1::jsonb) AS x(${columns})
        ON e.tenant_id = x.tenant_id AND e.kind = x.kind AND e.source_id = x.source_id AND e.target_id = x.target_id
      WHERE x.kind = 'flow' ORDER BY e.id FOR UPDATE OF e`,
    json,
  );
  const previous = new Map(before.map((r) => [r.id, r.outcome as EdgeOutcome]));
  const written = await tx.$queryRawUnsafe<{ id: string; tenant_id: string; kind: string; source_id: string; target_id: string; outcome: string; inserted: boolean }[]>(
    `INSERT INTO lineage_edges AS e (id, tenant_id, kind, source_id, target_id, count, first_seen_at, last_seen_at, crossing, outcome, data_classes, form, decisions, reason, evaluated_at)
     SELECT gen_random_uuid()::text, x.tenant_id, x.kind, x.source_id, x.target_id, x.count, x.first_seen_at, x.last_seen_at, x.crossing, x.outcome,
            x.data_classes, x.form, x.decisions, x.reason, x.evaluated_at
       FROM jsonb_to_recordset($1::jsonb) AS x(${columns})
     ON CONFLICT (tenant_id, kind, source_id, target_id) DO UPDATE SET
       count = e.count + excluded.count, first_seen_at = LEAST(e.first_seen_at, excluded.first_seen_at),
       last_seen_at = GREATEST(e.last_seen_at, excluded.last_seen_at), crossing = excluded.crossing, outcome = excluded.outcome,
       data_classes = excluded.data_classes, form = excluded.form, decisions = excluded.decisions, reason = excluded.reason, evaluated_at = excluded.evaluated_at
     RETURNING e.id, e.tenant_id, e.kind, e.source_id, e.target_id, e.outcome, (xmax = 0) AS inserted`,
    json,
  );
  const composite = (r: { tenant_id: unknown; kind: unknown; source_id: unknown; target_id: unknown }) => `${r.tenant_id}|${r.kind}|${r.source_id}|${r.target_id}`;
  const rowOf = new Map(rows.map((r) => [composite(r as { tenant_id: unknown; kind: unknown; source_id: unknown; target_id: unknown }), r]));
  const flows: FlowResult[] = [];
  for (const w of written) {
    if (w.kind !== "flow") continue;
    const row = rowOf.get(composite(w));
    const c = row ? plan.flows.get(String(row.key)) : undefined;
    if (!row || !c) continue;
    flows.push({
      id: w.id, tenantId: w.tenant_id, previous: previous.get(w.id) ?? null, outcome: w.outcome as EdgeOutcome, reason: String(row.reason ?? ""),
      classification: c, sourceId: w.source_id, targetId: w.target_id,
    });
  }
  return { flows, created: written.filter((w) => w.inserted).length };
}
