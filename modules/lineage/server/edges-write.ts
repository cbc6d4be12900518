import "server-only";
import type { Prisma } from "@/platform/db/generated/prisma/client";
import type { FlowAnswer } from "@/modules/lineage/server/decisions";
import { StaleSnapshotError } from "@/modules/lineage/server/write";
import type { Tx } from "@/platform/db/transaction";
import type { BatchPlan } from "@/modules/lineage/domain/batch";
import { questionKey, type EdgeOutcome, type FlowClassification } from "@/modules/lineage/domain/evaluation";

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
export function evaluationOf(
  tenantId: string,
  c: FlowClassification,
  answers: ReadonlyMap<string, FlowAnswer>,
): Evaluated | null {
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
  // Rows are compact (one letter per column) and share their evaluations by index: a batch
  // touches thousands of edges, and most border-crossing flows share a handful of answers.
  type Row = {
    t: string;
    k: string;
    s: string;
    d: string;
    n: number;
    f: string | null;
    l: string | null;
    v: number | null;
    key: string;
  };
  const rows: Row[] = [];
  const evaluations: {
    i: number;
    crossing: string | null;
    outcome: string;
    data_classes: string[];
    form: string | null;
    decisions: unknown;
    reason: string;
  }[] = [];
  const evaluationIndex = new Map<string, number>();
  for (const [key, e] of plan.edges) {
    const source = e.kind === "output" ? jobIds.get(e.source) : datasetIds.get(e.source);
    const target = e.kind === "input" ? jobIds.get(e.target) : datasetIds.get(e.target);
    if (!source || !target) continue;
    const row: Row = {
      t: e.tenantId,
      k: e.kind,
      s: source,
      d: target,
      n: e.increment,
      f: iso(e.firstSeen),
      l: iso(e.lastSeen),
      v: null,
      key,
    };
    const c = plan.flows.get(key);
    if (e.kind === "flow" && c) {
      const ev = evaluationOf(e.tenantId, c, answers);
      // The flow changed between the decisions were asked and the rows were locked.
      if (!ev) throw new StaleSnapshotError("a flow needs an evaluation nobody asked for");
      const value = {
        crossing: c.crossing,
        outcome: ev.outcome,
        data_classes: c.dataClasses,
        form: c.form,
        decisions: ev.decisions,
        reason: ev.reason,
      };
      const id = JSON.stringify(value);
      let i = evaluationIndex.get(id);
      if (i === undefined) {
        i = evaluations.length;
        evaluationIndex.set(id, i);
        evaluations.push({ i, ...value });
      }
      row.v = i;
    }
    rows.push(row);
  }
  if (rows.length === 0) return { flows: [], created: 0 };
  const composite = (r: {
    t?: string;
    tenant_id?: string;
    k?: string;
    kind?: string;
    s?: string;
    source_id?: string;
    d?: string;
    target_id?: string;
  }) => `${r.t ?? r.tenant_id}|${r.k ?? r.kind}|${r.s ?? r.source_id}|${r.d ?? r.target_id}`;
  rows.sort((a, b) => (composite(a) < composite(b) ? -1 : 1));
  const flowKeys = rows.filter((r) => r.k === "flow").map((r) => ({ t: r.t, s: r.s, d: r.d }));
  const before =
    flowKeys.length === 0
      ? []
      : await tx.$queryRawUnsafe<{ id: string; outcome: string }[]>(
          `SELECT e.id, e.outcome FROM lineage_edges e JOIN jsonb_to_recordset($1::jsonb) AS x(t text, s text, d text)
        ON e.tenant_id = x.t AND e.kind = 'flow' AND e.source_id = x.s AND e.target_id = x.d
      ORDER BY e.id FOR UPDATE OF e`,
          JSON.stringify(flowKeys),
        );
  const previous = new Map(before.map((r) => [r.id, r.outcome as EdgeOutcome]));
  const written = await tx.$queryRawUnsafe<
    {
      id: string;
      tenant_id: string;
      kind: string;
      source_id: string;
      target_id: string;
      outcome: string;
      inserted: boolean;
    }[]
  >(
    `INSERT INTO lineage_edges AS e (id, tenant_id, kind, source_id, target_id, count, first_seen_at, last_seen_at, crossing, outcome, data_classes, form, decisions, reason, evaluated_at)
     SELECT gen_random_uuid()::text, x.t, x.k, x.s, x.d, x.n, x.f, x.l, v.crossing, COALESCE(v.outcome, 'not_evaluated'),
            COALESCE(v.data_classes, '{}'), v.form, COALESCE(v.decisions, '[]'), v.reason, CASE WHEN x.v IS NULL THEN NULL ELSE $3::timestamp(3) END
       FROM jsonb_to_recordset($1::jsonb) AS x(t text, k text, s text, d text, n int, f timestamp(3), l timestamp(3), v int)
       LEFT JOIN jsonb_to_recordset($2::jsonb) AS v(i int, crossing text, outcome text, data_classes text[], form text, decisions jsonb, reason text) ON v.i = x.v
     ON CONFLICT (tenant_id, kind, source_id, target_id) DO UPDATE SET
       count = e.count + excluded.count, first_seen_at = LEAST(e.first_seen_at, excluded.first_seen_at),
       last_seen_at = GREATEST(e.last_seen_at, excluded.last_seen_at), crossing = excluded.crossing, outcome = excluded.outcome,
       data_classes = excluded.data_classes, form = excluded.form, decisions = excluded.decisions, reason = excluded.reason, evaluated_at = excluded.evaluated_at
     RETURNING e.id, e.tenant_id, e.kind, e.source_id, e.target_id, e.outcome, (xmax = 0) AS inserted`,
    JSON.stringify(rows.map(({ key: _key, ...r }) => r)),
    JSON.stringify(evaluations),
    iso(evaluatedAt),
  );
  const rowOf = new Map(rows.map((r) => [composite(r), r]));
  const flows: FlowResult[] = [];
  for (const w of written) {
    if (w.kind !== "flow") continue;
    const row = rowOf.get(composite(w));
    const c = row ? plan.flows.get(row.key) : undefined;
    if (!row || !c || row.v === null) continue;
    flows.push({
      id: w.id,
      tenantId: w.tenant_id,
      previous: previous.get(w.id) ?? null,
      outcome: w.outcome as EdgeOutcome,
      reason: evaluations[row.v]!.reason,
      classification: c,
      sourceId: w.source_id,
      targetId: w.target_id,
    });
  }
  return { flows, created: written.filter((w) => w.inserted).length };
}
