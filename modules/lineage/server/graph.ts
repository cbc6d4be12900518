import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { readLineageSummary } from "@/modules/lineage/server/summary";
import { UNRESOLVED_ALERT } from "@/modules/residency/server/conditions";
import { BadRequestError, NotFoundError } from "@/platform/errors";
import { buildGraph, MAX_NODES, type EdgeRow, type LineageGraph, type NodeRow } from "@/modules/lineage/domain/graph";
import { listViolations, violationReviewItems, type ViolationView } from "@/modules/lineage/server/violations";
import { effectiveDataClasses } from "@/modules/sharing/server/data-classes";
import { allowedActions } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import { currentRegion } from "@/platform/region/registry";
import type { TenantScope } from "@/platform/access/with-tenant";
import type { LineageAction } from "@/modules/lineage/domain/actions";

/** full: every node and edge (up to MAX_NODES); summary: the same answer with no nodes or edges, aggregated by the database. */
export type LineageView = "full" | "summary";

export interface LineageQuery {
  focus?: string;
  depth?: number;
  view?: LineageView;
}

export interface TenantLineage extends LineageGraph {
  tenant: string;
  generated_at: string;
  /** Which form this is: a summary has `nodes: []` and `edges: []`; everything else describes the whole graph. */
  view: LineageView;
  findings: {
    unknown_region_datasets: number;
    open_alerts: { border_violation: number; region_unknown: number };
    /** The flows judged a violation now, newest sighting first (at most VIOLATIONS_LISTED), each with its review item. */
    violations: ViolationView[];
  };
  limits: { max_nodes: number };
  /** The tenant's data classes (the catalogue and its own): the name to show for each key the graph uses. */
  data_classes: { key: string; name: string }[];
  /** What the policy lets the caller do from a violation: draft a decision, review one, read the review items (the tenant's, or the region's queue). */
  allowed_actions: LineageAction[];
}

/** Asked of the policy for the caller: the tenant's actions on the tenant, the queue's on the region. */
function lineageActions(scope: TenantScope): LineageAction[] {
  const tenant = scope.allowed(["decisions.draft", "decisions.review", "reviews.read"] as const);
  const region = allowedActions(policyPrincipal(scope.actor), ["region.reviews.read"], {
    type: "Region",
    id: currentRegion().id,
  });
  return [...tenant, ...region];
}

/** What both forms of the answer carry besides the graph: the violations to act on, class names, the caller's actions. */
async function actionable(scope: TenantScope) {
  const [items, classes] = await Promise.all([
    violationReviewItems(scope.db, scope.tenant.id),
    effectiveDataClasses(scope.db, scope.tenant.id),
  ]);
  return {
    items,
    violations: await listViolations(scope.db, scope.tenant.id, items),
    data_classes: classes.map((c) => ({ key: c.key, name: c.name })),
    allowed_actions: lineageActions(scope),
  };
}

/** Unresolved (open or acknowledged) alerts per kind: read with the whole graph, and alone beside the summary. */
const ALERTS = `SELECT coalesce(json_object_agg(kind, n), '{}')::text FROM (SELECT kind, count(*) AS n FROM lineage_alerts WHERE tenant_id = $1 AND ${UNRESOLVED_ALERT} GROUP BY kind) a`;
const ALERTS_SQL = `SELECT (${ALERTS}) AS alerts`;

const MS = (column: string) => `round(date_part('epoch', ${column}) * 1000)::bigint`;

/**
 * The whole register of a tenant in one round trip. Edges, the bulk, come as lines of
 * comma-separated values (ids, kinds, counts, epoch milliseconds and outcomes hold no commas),
 * which PostgreSQL builds and Node splits several times faster than JSON or decoded rows; the
 * evaluations of the flows worth showing (border crossings and unknowns, or every flow around
 * a focus) come as JSON, like the nodes.
 */
const GRAPH_SQL = `SELECT
  (SELECT coalesce(json_agg(json_build_array(id, namespace, name, region, region_source, subprocessor, form, data_classes,
          ${MS("first_seen_at")}, ${MS("last_seen_at")}, event_count)), '[]')::text FROM lineage_datasets WHERE tenant_id = $1) AS datasets,
  (SELECT coalesce(json_agg(json_build_array(id, namespace, name, ${MS("first_seen_at")}, ${MS("last_seen_at")}, event_count, run_count)), '[]')::text
     FROM lineage_jobs WHERE tenant_id = $1) AS jobs,
  (SELECT coalesce(string_agg(concat_ws(',', id, kind, source_id, target_id, count, ${MS("first_seen_at")}, ${MS("last_seen_at")}, outcome), E'\n'), '')
     FROM lineage_edges WHERE tenant_id = $1) AS edges,
  (SELECT coalesce(json_agg(json_build_array(id, crossing, data_classes, form, decisions, reason, ${MS("evaluated_at")})), '[]')::text
     FROM lineage_edges WHERE tenant_id = $1 AND kind = 'flow' AND (outcome <> 'in_region' OR $2)) AS evaluations,
  (${ALERTS}) AS alerts`;

const findings = (
  unknown: number,
  open: Record<string, number>,
  violations: ViolationView[],
): TenantLineage["findings"] => ({
  unknown_region_datasets: unknown,
  open_alerts: { border_violation: open.border_violation ?? 0, region_unknown: open.region_unknown ?? 0 },
  violations,
});

type Json = string | number | null | string[] | unknown;

function nodesFrom(datasets: Json[][], jobs: Json[][]): NodeRow[] {
  const out: NodeRow[] = [];
  for (const [id, namespace, name, region, source, subprocessor, form, classes, first, last, events] of datasets) {
    out.push({
      id: id as string,
      kind: "dataset",
      namespace: namespace as string,
      name: name as string,
      region: region as string | null,
      region_source: source as string,
      subprocessor: subprocessor as string | null,
      form: form as string | null,
      data_classes: (classes as string[] | null) ?? [],
      first_seen_at: first as number,
      last_seen_at: last as number,
      events: events as number,
      runs: null,
    });
  }
  for (const [id, namespace, name, first, last, events, runs] of jobs) {
    out.push({
      id: id as string,
      kind: "job",
      namespace: namespace as string,
      name: name as string,
      region: null,
      region_source: null,
      subprocessor: null,
      form: null,
      data_classes: null,
      first_seen_at: first as number,
      last_seen_at: last as number,
      events: events as number,
      runs: runs as number,
    });
  }
  return out;
}

function edgesFrom(lines: string, evaluations: Json[][]): EdgeRow[] {
  const details = new Map(evaluations.map((e) => [e[0] as string, e]));
  if (lines === "") return [];
  return lines.split("\n").map((line) => {
    const [id, kind, source, target, count, first, last, outcome] = line.split(",") as [
      string,
      EdgeRow["kind"],
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const [, crossing = null, classes = [], form = null, decisions = [], reason = null, evaluatedAt = null] =
      details.get(id) ?? [];
    return {
      id,
      kind,
      source_id: source,
      target_id: target,
      count: Number(count),
      first_seen_at: Number(first),
      last_seen_at: Number(last),
      outcome,
      crossing: crossing as string | null,
      data_classes: (classes as string[] | null) ?? [],
      form: form as string | null,
      decisions: decisions ?? [],
      reason: reason as string | null,
      evaluated_at: evaluatedAt as number | null,
    };
  });
}

/**
 * A tenant's lineage graph from the registers (never the raw events): datasets and jobs with
 * their regions and data classes, edges with their evaluation, groups per region and
 * border-crossing flows per region pair. One read, built in memory; with a focus, the
 * neighbourhood's facets in a second. `lineage.read`: the tenant's admins and viewers, and
 * the provider's compliance officers.
 */
export async function getTenantLineage(
  actor: Actor,
  tenantSlug: string,
  query: LineageQuery,
  origin: RequestOrigin,
): Promise<TenantLineage> {
  // The route's schema refuses this too; the data layer does not rely on every caller having one.
  if (query.view === "summary" && query.focus)
    throw new BadRequestError(
      "A summary has no nodes to focus on: ask for view=full (the default) with a focus.",
      "invalid_query",
    );
  return withTenant(actor, tenantSlug, "lineage.read", origin, async (scope) => {
    const { db, tenant } = scope;
    const alerts = async () => {
      const [row] = await db.$queryRawUnsafe<{ alerts: string }[]>(ALERTS_SQL, tenant.id);
      return JSON.parse(row!.alerts) as Record<string, number>;
    };
    if (query.view === "summary") {
      const [summary, open, more] = await Promise.all([readLineageSummary(db, tenant.id), alerts(), actionable(scope)]);
      return {
        tenant: tenant.slug,
        generated_at: new Date().toISOString(),
        view: "summary",
        nodes: [],
        edges: [],
        regions: summary.regions,
        cross_border: summary.cross_border,
        // What the full form would say: it keeps at most MAX_NODES.
        truncated: summary.totals.nodes > MAX_NODES,
        totals: summary.totals,
        focus: null,
        depth: null,
        findings: findings(summary.unknown_region_datasets, open, more.violations),
        limits: { max_nodes: MAX_NODES },
        data_classes: more.data_classes,
        allowed_actions: more.allowed_actions,
      };
    }
    const [[raw], more] = await Promise.all([
      db.$queryRawUnsafe<{ datasets: string; jobs: string; edges: string; evaluations: string; alerts: string }[]>(
        GRAPH_SQL,
        tenant.id,
        Boolean(query.focus),
      ),
      actionable(scope),
    ]);
    const nodes = nodesFrom(JSON.parse(raw!.datasets) as Json[][], JSON.parse(raw!.jobs) as Json[][]);
    if (query.focus && !nodes.some((n) => n.id === query.focus)) {
      throw new NotFoundError("This tenant's lineage has no dataset or job with that id.", "lineage_node_not_found");
    }
    const edges = edgesFrom(raw!.edges, JSON.parse(raw!.evaluations) as Json[][]);
    const open = JSON.parse(raw!.alerts) as Record<string, number>;
    const graph = buildGraph(nodes, edges, { focus: query.focus ?? null, depth: query.depth ?? null });
    for (const e of graph.edges)
      if ("review_item" in e.evaluation && e.evaluation.outcome === "violation")
        e.evaluation.review_item = more.items.get(e.id) ?? null;
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
    return {
      tenant: tenant.slug,
      generated_at: new Date().toISOString(),
      view: "full",
      ...graph,
      findings: findings(nodes.filter((n) => n.kind === "dataset" && n.region === null).length, open, more.violations),
      limits: { max_nodes: MAX_NODES },
      data_classes: more.data_classes,
      allowed_actions: more.allowed_actions,
    };
  });
}
