import "server-only";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { reviewItemsBySource } from "@/modules/reviews/server/by-source";
import { iso, type FlowEvaluationView, type ReviewItemRef } from "@/modules/lineage/domain/graph";
import type { EdgeOutcome } from "@/modules/lineage/domain/evaluation";

/**
 * The violations a reader can act on: every flow judged a violation now, with its two datasets
 * and the review item its latest border alert opened in the compliance queue (modules/reviews).
 * Read in both forms of the lineage answer (a summary has no edges, and a large tenant's
 * violations must still be listed), newest sighting first, at most VIOLATIONS_LISTED.
 */

export const VIOLATIONS_LISTED = 50;

export interface ViolationEnd {
  id: string;
  namespace: string;
  name: string;
  region: string | null;
  subprocessor: string | null;
}

export interface ViolationView {
  /** The flow edge's id (as in the graph's `edges`). */
  edge: string;
  source: ViolationEnd;
  target: ViolationEnd;
  /** How often the flow was seen, and when last. */
  count: number;
  last_seen: string;
  evaluation: FlowEvaluationView;
}

const MS = (column: string) => `round(date_part('epoch', ${column}) * 1000)::bigint`;

/** The latest border alert of each flow that is a violation now (an older alert on it was resolved when it settled). */
const ALERTS_SQL = `SELECT DISTINCT ON (a.edge_id) a.edge_id, a.id
   FROM lineage_alerts a JOIN lineage_edges e ON e.id = a.edge_id AND e.tenant_id = a.tenant_id
  WHERE a.tenant_id = $1 AND a.kind = 'border_violation' AND e.outcome = 'violation'
  ORDER BY a.edge_id, a.raised_at DESC, a.id`;

const LIST_SQL = `SELECT e.id, e.count, ${MS("e.last_seen_at")} AS last_seen, e.crossing, e.data_classes, e.form, e.decisions, e.reason,
       ${MS("e.evaluated_at")} AS evaluated_at,
       s.id AS s_id, s.namespace AS s_namespace, s.name AS s_name, s.region AS s_region, s.subprocessor AS s_subprocessor,
       t.id AS t_id, t.namespace AS t_namespace, t.name AS t_name, t.region AS t_region, t.subprocessor AS t_subprocessor
  FROM lineage_edges e
  JOIN lineage_datasets s ON s.id = e.source_id AND s.tenant_id = e.tenant_id
  JOIN lineage_datasets t ON t.id = e.target_id AND t.tenant_id = e.tenant_id
 WHERE e.tenant_id = $1 AND e.kind = 'flow' AND e.outcome = 'violation'
 ORDER BY e.last_seen_at DESC, e.id
 LIMIT ${VIOLATIONS_LISTED}`;

interface ListRow {
  id: string;
  count: number;
  last_seen: bigint | number;
  crossing: string | null;
  data_classes: string[];
  form: string | null;
  decisions: unknown;
  reason: string | null;
  evaluated_at: bigint | number | null;
  s_id: string;
  s_namespace: string;
  s_name: string;
  s_region: string | null;
  s_subprocessor: string | null;
  t_id: string;
  t_namespace: string;
  t_name: string;
  t_region: string | null;
  t_subprocessor: string | null;
}

/** The review item of every flow that is a violation now, by edge id (flows whose alert opened none are absent). */
export async function violationReviewItems(db: PrismaClient, tenantId: string): Promise<Map<string, ReviewItemRef>> {
  const alerts = await db.$queryRawUnsafe<{ edge_id: string; id: string }[]>(ALERTS_SQL, tenantId);
  const items = await reviewItemsBySource(
    db,
    tenantId,
    "border_violation",
    alerts.map((a) => a.id),
  );
  const out = new Map<string, ReviewItemRef>();
  for (const a of alerts) {
    const item = items.get(a.id);
    if (item) out.set(a.edge_id, item);
  }
  return out;
}

/** The violations to list (newest sighting first), each with its review item from `items`. */
export async function listViolations(
  db: PrismaClient,
  tenantId: string,
  items: ReadonlyMap<string, ReviewItemRef>,
): Promise<ViolationView[]> {
  const rows = await db.$queryRawUnsafe<ListRow[]>(LIST_SQL, tenantId);
  return rows.map((r) => ({
    edge: r.id,
    source: {
      id: r.s_id,
      namespace: r.s_namespace,
      name: r.s_name,
      region: r.s_region,
      subprocessor: r.s_subprocessor,
    },
    target: {
      id: r.t_id,
      namespace: r.t_namespace,
      name: r.t_name,
      region: r.t_region,
      subprocessor: r.t_subprocessor,
    },
    count: Number(r.count),
    last_seen: iso(Number(r.last_seen)),
    evaluation: {
      outcome: "violation" as EdgeOutcome,
      crossing: r.crossing,
      data_classes: r.data_classes ?? [],
      form: r.form,
      reason: r.reason,
      decisions: r.decisions ?? [],
      evaluated_at: r.evaluated_at === null ? null : iso(Number(r.evaluated_at)),
      review_item: items.get(r.id) ?? null,
    },
  }));
}
