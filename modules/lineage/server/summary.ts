import "server-only";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { OUTCOMES, type EdgeOutcome } from "@/modules/lineage/domain/evaluation";
import {
  fromAggregates,
  type CrossBorderPair,
  type PairAggregate,
  type RegionAggregate,
  type RegionGroup,
} from "@/modules/lineage/domain/graph-summary";

/**
 * The summary of a tenant's lineage, aggregated by the database: region groups, border-crossing
 * flows per region pair, totals and the unknown-region finding, without reading a single node
 * or edge into memory. A 5,000-node graph becomes a few dozen rows, which is what a page that
 * starts with every region collapsed needs; the full graph is read only when someone expands.
 *
 * It must agree with buildGraph() on the same registers (tests/lineage/summary.test.ts checks
 * it), so it follows the same rules: a job lives where most of the datasets it writes live
 * (ties by region id), else where most of those it reads live; a pair holds the flows with a
 * crossing or an unknown region, between the regions of their two datasets as they are now.
 */
const SUMMARY_SQL = `WITH ds AS MATERIALIZED (
    SELECT id, region, subprocessor, data_classes FROM lineage_datasets WHERE tenant_id = $1
  ),
  io AS (
    SELECT CASE WHEN e.kind = 'output' THEN e.source_id ELSE e.target_id END AS job_id, e.kind = 'output' AS writes, d.region
      FROM lineage_edges e JOIN ds d ON d.id = CASE WHEN e.kind = 'output' THEN e.target_id ELSE e.source_id END
     WHERE e.tenant_id = $1 AND e.kind IN ('input', 'output') AND d.region IS NOT NULL
  ),
  placed AS (
    SELECT DISTINCT ON (job_id) job_id, region
      FROM (SELECT job_id, writes, region, count(*) AS n FROM io GROUP BY job_id, writes, region) c
     ORDER BY job_id, writes DESC, n DESC, region COLLATE "C"
  ),
  flows AS MATERIALIZED (
    SELECT e.count, e.outcome, e.crossing, e.data_classes, s.region AS from_region, t.region AS to_region, t.subprocessor AS to_subprocessor
      FROM lineage_edges e JOIN ds s ON s.id = e.source_id JOIN ds t ON t.id = e.target_id
     WHERE e.tenant_id = $1 AND e.kind = 'flow' AND (e.crossing IS NOT NULL OR e.outcome = 'unknown_region')
  )
SELECT
  (SELECT coalesce(json_agg(json_build_array(region, n, subs)), '[]')::text FROM (
     SELECT region, count(*)::int AS n, coalesce(array_agg(DISTINCT subprocessor) FILTER (WHERE subprocessor IS NOT NULL), '{}') AS subs FROM ds GROUP BY region) r) AS datasets,
  (SELECT coalesce(json_agg(json_build_array(region, classes)), '[]')::text FROM (
     SELECT region, array_agg(DISTINCT c) AS classes FROM ds, unnest(ds.data_classes) c GROUP BY region) r) AS dataset_classes,
  (SELECT coalesce(json_agg(json_build_array(region, n)), '[]')::text FROM (
     SELECT p.region, count(*)::int AS n FROM lineage_jobs j LEFT JOIN placed p ON p.job_id = j.id WHERE j.tenant_id = $1 GROUP BY p.region) r) AS jobs,
  (SELECT coalesce(json_agg(json_build_array(from_region, to_region, n, observations, outcomes, subs)), '[]')::text FROM (
     SELECT from_region, to_region, count(*)::int AS n, sum(count)::bigint AS observations,
            json_build_object(${OUTCOMES.map((o) => `'${o}', count(*) FILTER (WHERE outcome = '${o}')`).join(", ")}) AS outcomes,
            coalesce(array_agg(DISTINCT to_subprocessor) FILTER (WHERE crossing = 'subprocessor' AND to_subprocessor IS NOT NULL), '{}') AS subs
       FROM flows GROUP BY from_region, to_region) r) AS pairs,
  (SELECT coalesce(json_agg(json_build_array(from_region, to_region, classes)), '[]')::text FROM (
     SELECT from_region, to_region, array_agg(DISTINCT c) AS classes FROM flows, unnest(flows.data_classes) c GROUP BY from_region, to_region) r) AS pair_classes,
  (SELECT count(*)::int FROM lineage_jobs WHERE tenant_id = $1) AS job_count,
  (SELECT count(*)::int FROM ds) AS dataset_count,
  (SELECT count(*)::int FROM ds WHERE region IS NULL) AS unknown_region_datasets,
  (SELECT count(*)::int FROM lineage_edges WHERE tenant_id = $1) AS edge_count,
  (SELECT count(*)::int FROM lineage_edges WHERE tenant_id = $1 AND kind = 'flow' AND outcome = 'in_region') AS in_region_flows`;

interface Raw {
  datasets: string;
  dataset_classes: string;
  jobs: string;
  pairs: string;
  pair_classes: string;
  job_count: number;
  dataset_count: number;
  unknown_region_datasets: number;
  edge_count: number;
  in_region_flows: number;
}

type Region = string | null;

export interface LineageSummaryParts {
  regions: RegionGroup[];
  cross_border: CrossBorderPair[];
  totals: { nodes: number; edges: number; in_region_flows: number };
  unknown_region_datasets: number;
}

/** One round trip; the caller has already authorized the read (getTenantLineage). */
export async function readLineageSummary(db: PrismaClient, tenantId: string): Promise<LineageSummaryParts> {
  const [raw] = await db.$queryRawUnsafe<Raw[]>(SUMMARY_SQL, tenantId);
  const r = raw!;
  const regionRows: RegionAggregate[] = [
    ...(JSON.parse(r.datasets) as [Region, number, string[]][]).map(([region, n, subs]) => ({
      region,
      datasets: n,
      jobs: 0,
      data_classes: [],
      subprocessors: subs,
    })),
    ...(JSON.parse(r.dataset_classes) as [Region, string[]][]).map(([region, classes]) => ({
      region,
      datasets: 0,
      jobs: 0,
      data_classes: classes,
      subprocessors: [],
    })),
    ...(JSON.parse(r.jobs) as [Region, number][]).map(([region, n]) => ({
      region,
      datasets: 0,
      jobs: n,
      data_classes: [],
      subprocessors: [],
    })),
  ];
  const classesOf = new Map(
    (JSON.parse(r.pair_classes) as [Region, Region, string[]][]).map(([from, to, classes]) => [
      JSON.stringify([from, to]),
      classes,
    ]),
  );
  const pairRows: PairAggregate[] = (
    JSON.parse(r.pairs) as [Region, Region, number, number, Record<EdgeOutcome, number>, string[]][]
  ).map(([from, to, flows, observations, outcomes, subs]) => ({
    from,
    to,
    flows,
    observations,
    outcomes,
    data_classes: classesOf.get(JSON.stringify([from, to])) ?? [],
    subprocessors: subs,
  }));
  return {
    ...fromAggregates(regionRows, pairRows),
    totals: { nodes: r.dataset_count + r.job_count, edges: r.edge_count, in_region_flows: r.in_region_flows },
    unknown_region_datasets: r.unknown_region_datasets,
  };
}
