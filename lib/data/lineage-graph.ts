import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { withTenant, type RequestOrigin } from "@/lib/data/tenant-access";
import { NotFoundError } from "@/lib/errors";
import { buildGraph, MAX_NODES, type EdgeRow, type LineageGraph, type NodeRow } from "@/lib/lineage/graph";

export interface LineageQuery {
  focus?: string;
  depth?: number;
}

export interface TenantLineage extends LineageGraph {
  tenant: string;
  generated_at: string;
  findings: { unknown_region_datasets: number; open_alerts: { border_violation: number; region_unknown: number } };
  limits: { max_nodes: number };
}

/**
 * A tenant's lineage graph from the registers (never the raw events): datasets and jobs with
 * their regions and data classes, edges with their evaluation, groups per region and
 * border-crossing flows per region pair. Two reads for the graph, built in memory; with a
 * focus, the neighbourhood's facets in a third. `lineage.read`: the tenant's admins and
 * viewers, and the provider's compliance officers.
 */
export async function getTenantLineage(actor: Actor, tenantSlug: string, query: LineageQuery, origin: RequestOrigin): Promise<TenantLineage> {
  return withTenant(actor, tenantSlug, "lineage.read", origin, async ({ db, tenant }) => {
    const nodes = await db.$queryRawUnsafe<NodeRow[]>(
      `SELECT id, 'dataset' AS kind, namespace, name, region, region_source, subprocessor, form, data_classes, first_seen_at, last_seen_at,
              event_count AS events, NULL::int AS runs
         FROM lineage_datasets WHERE tenant_id = $1
       UNION ALL
       SELECT id, 'job', namespace, name, NULL, NULL, NULL, NULL, NULL::text[], first_seen_at, last_seen_at, event_count, run_count
         FROM lineage_jobs WHERE tenant_id = $1`,
      tenant.id,
    );
    if (query.focus && !nodes.some((n) => n.id === query.focus)) {
      throw new NotFoundError("This tenant's lineage has no dataset or job with that id.", "lineage_node_not_found");
    }
    const edges = await db.$queryRawUnsafe<EdgeRow[]>(
      `SELECT id, kind, source_id, target_id, count, first_seen_at, last_seen_at, crossing, outcome, data_classes, form, decisions, reason, evaluated_at
         FROM lineage_edges WHERE tenant_id = $1`,
      tenant.id,
    );
    const alerts = await db.$queryRawUnsafe<{ kind: string; n: number }[]>(
      `SELECT kind, count(*)::int AS n FROM lineage_alerts WHERE tenant_id = $1 AND status = 'open' GROUP BY kind`,
      tenant.id,
    );
    const graph = buildGraph(nodes, edges, { focus: query.focus ?? null, depth: query.depth ?? null });
    if (query.focus) {
      // Details for the neighbourhood only: facets can be large, and a whole graph's would be.
      const ids = JSON.stringify(graph.nodes.map((n) => n.id));
      const facets = await db.$queryRawUnsafe<{ id: string; facets: Record<string, unknown> }[]>(
        `SELECT id, facets FROM lineage_datasets WHERE tenant_id = $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb))
         UNION ALL SELECT id, facets FROM lineage_jobs WHERE tenant_id = $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
        tenant.id,
        ids,
      );
      const byId = new Map(facets.map((f) => [f.id, f.facets]));
      for (const n of graph.nodes) n.facets = byId.get(n.id) ?? {};
    }
    const open = new Map(alerts.map((a) => [a.kind, a.n]));
    return {
      tenant: tenant.slug,
      generated_at: new Date().toISOString(),
      ...graph,
      findings: {
        unknown_region_datasets: nodes.filter((n) => n.kind === "dataset" && n.region === null).length,
        open_alerts: { border_violation: open.get("border_violation") ?? 0, region_unknown: open.get("region_unknown") ?? 0 },
      },
      limits: { max_nodes: MAX_NODES },
    };
  });
}
