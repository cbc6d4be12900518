import "server-only";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { destinationLabel, normaliseName } from "@/modules/sharing/domain/destination";
import { sharingPolicy } from "@/modules/sharing/server/policy";
import type { DecisionRef, TenantFacts } from "@/modules/subprocessors/domain/impact";

export interface ImpactTenant {
  id: string;
  homeRegion: string;
}

type Row = { tenant_id: string; key: string };
type LineageRow = { tenant_id: string; subprocessor: string; classes: string[]; flows: number; datasets: number };

/**
 * The registers impact is judged from, for many tenants in a handful of statements (never one per
 * subprocessor): the classes each tenant uses and holds, what its lineage carries into datasets a
 * subprocessor holds, and the allowing decisions that name a
 * subprocessor, with when each is in force. Plain reads,
 * never inside a transaction.
 */
export async function readTenantFacts(
  db: PrismaClient,
  tenants: readonly ImpactTenant[],
): Promise<Map<string, TenantFacts>> {
  const ids = tenants.map((t) => t.id);
  if (ids.length === 0) return new Map();
  const [classes, held, lineage] = await Promise.all([
    db.dataClass.findMany({
      where: { OR: [{ tenantId: null }, { tenantId: { in: ids } }] },
      select: { tenantId: true, key: true, name: true, sensitivity: true },
    }),
    db.$queryRawUnsafe<Row[]>(
      `SELECT s.tenant_id, c.key FROM stores s
         JOIN store_data_classes sc ON sc.store_id = s.id JOIN data_classes c ON c.id = sc.data_class_id
        WHERE s.tenant_id = ANY($1::text[])
       UNION
       SELECT d.tenant_id, k AS key FROM lineage_datasets d, unnest(d.data_classes) k
        WHERE d.tenant_id = ANY($1::text[])`,
      ids,
    ),
    // A flow "reaches" a subprocessor when it ends in a dataset the subprocessor holds: what the
    // flow carries and what the dataset holds both go there.
    db.$queryRawUnsafe<LineageRow[]>(
      `SELECT d.tenant_id, d.subprocessor,
              coalesce(array_agg(DISTINCT k) FILTER (WHERE k IS NOT NULL), '{}') AS classes,
              count(DISTINCT e.id)::int AS flows, count(DISTINCT d.id)::int AS datasets
         FROM lineage_datasets d
         JOIN lineage_edges e ON e.tenant_id = d.tenant_id AND e.target_id = d.id AND e.kind = 'flow'
         LEFT JOIN LATERAL unnest(d.data_classes || e.data_classes) k ON true
        WHERE d.tenant_id = ANY($1::text[]) AND d.subprocessor IS NOT NULL
        GROUP BY d.tenant_id, d.subprocessor`,
      ids,
    ),
  ]);

  const facts = new Map<string, TenantFacts>();
  for (const t of tenants) {
    facts.set(t.id, {
      tenantId: t.id,
      homeRegion: t.homeRegion,
      classes: new Map(),
      held: new Set(),
      lineage: new Map(),
      decisions: new Map(),
      decisionLabels: new Map(),
    });
  }
  for (const c of classes) {
    const targets = c.tenantId ? [facts.get(c.tenantId)] : [...facts.values()];
    for (const f of targets) f?.classes.set(c.key, { name: c.name, sensitivity: c.sensitivity });
  }
  for (const h of held) facts.get(h.tenant_id)?.held.add(h.key);
  for (const l of lineage) {
    const f = facts.get(l.tenant_id);
    if (!f) continue;
    // Datasets name their subprocessor as ingest wrote it: "Acme  mail" and "Acme Mail" are one.
    const name = normaliseName(l.subprocessor);
    const seen = f.lineage.get(name) ?? { classes: new Set<string>(), flows: 0, datasets: 0 };
    l.classes.forEach((k) => seen.classes.add(k));
    seen.flows += l.flows;
    seen.datasets += l.datasets;
    f.lineage.set(name, seen);
  }
  // The compiled policy is the one evaluateFlows judges with (cached per tenant), so a decision
  // listed here is exactly one the verdicts can name.
  for (const t of tenants) {
    const f = facts.get(t.id)!;
    const policy = await sharingPolicy(db, t.id);
    for (const v of policy.compiled.versions.values()) {
      const label = `${v.dataClass} → ${destinationLabel(v.destination)}`;
      f.decisionLabels.set(v.decisionId, label);
      if (v.destination.kind !== "subprocessor" || v.outcome === "deny") continue;
      const name = normaliseName(v.destination.id);
      const refs: DecisionRef[] = f.decisions.get(name) ?? [];
      refs.push({
        decisionId: v.decisionId,
        dataClass: v.dataClass,
        label,
        from: v.window.from,
        until: v.window.until,
      });
      f.decisions.set(name, refs);
    }
  }
  return facts;
}
