import "server-only";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import type { Tx } from "@/platform/db/transaction";
import { tierName, type StoredTier } from "@/platform/region/tier";
import { effectiveDataClasses } from "@/modules/sharing/server/data-classes";
import { BORDER_FLOW, OPEN_BORDER_VIOLATION } from "@/modules/residency/server/conditions";
import {
  composeResidencyPicture,
  type BorderFlow,
  type LineagePlacement,
  type ResidencyPicture,
} from "@/modules/residency/domain/picture";

/** The lineage half of the picture in one round trip: placements, border flows by pair and verdict, open violations. */
const LINEAGE_SQL = `WITH f AS MATERIALIZED (
    SELECT s.region AS src, t.region AS dst, e.outcome, e.count, e.data_classes, t.subprocessor
      FROM lineage_edges e JOIN lineage_datasets s ON s.id = e.source_id JOIN lineage_datasets t ON t.id = e.target_id
     WHERE e.tenant_id = $1 AND ${BORDER_FLOW}
  )
SELECT
  (SELECT coalesce(json_agg(json_build_array(region, subprocessor, n, classes)), '[]')::text FROM (
     SELECT d.region, d.subprocessor, count(*)::int AS n,
            coalesce((SELECT array_agg(DISTINCT c ORDER BY c) FROM lineage_datasets x, unnest(x.data_classes) c
                       WHERE x.tenant_id = $1 AND x.region IS NOT DISTINCT FROM d.region AND x.subprocessor IS NOT DISTINCT FROM d.subprocessor), '{}') AS classes
       FROM lineage_datasets d WHERE d.tenant_id = $1 GROUP BY d.region, d.subprocessor) p) AS placements,
  (SELECT coalesce(json_agg(json_build_array(src, dst, outcome, flows, observations, classes, via)), '[]')::text FROM (
     SELECT f.src, f.dst, f.outcome, count(*)::int AS flows, sum(f.count)::bigint AS observations, max(f.subprocessor) AS via,
            coalesce((SELECT array_agg(DISTINCT c ORDER BY c) FROM f g, unnest(g.data_classes) c
                       WHERE g.src IS NOT DISTINCT FROM f.src AND g.dst IS NOT DISTINCT FROM f.dst AND g.outcome = f.outcome), '{}') AS classes
       FROM f GROUP BY f.src, f.dst, f.outcome) b) AS flows,
  (SELECT count(*)::int FROM lineage_alerts WHERE tenant_id = $1 AND ${OPEN_BORDER_VIOLATION}) AS open_violations`;

interface Raw {
  placements: string;
  flows: string;
  open_violations: number;
}

type Region = string | null;

export interface PictureTenant {
  id: string;
  tier: StoredTier;
  homeRegion: string;
}

/** The tenant's residency picture; the caller has authorized the read (withTenant) or is the system. */
export async function readResidencyPicture(db: PrismaClient | Tx, tenant: PictureTenant): Promise<ResidencyPicture> {
  const [stores, [raw], register] = await Promise.all([
    db.store.findMany({
      where: { tenantId: tenant.id },
      orderBy: [{ region: "asc" }, { kind: "asc" }, { name: "asc" }],
      select: {
        id: true,
        name: true,
        kind: true,
        engine: true,
        region: true,
        recordCount: true,
        sizeBytes: true,
        countsReportedAt: true,
        dataClasses: { select: { dataClass: { select: { key: true } } } },
      },
    }),
    db.$queryRawUnsafe<Raw[]>(LINEAGE_SQL, tenant.id),
    effectiveDataClasses(db, tenant.id),
  ]);
  const placements: LineagePlacement[] = (JSON.parse(raw!.placements) as [Region, Region, number, string[]][]).map(
    ([region, subprocessor, datasets, data_classes]) => ({ region, subprocessor, datasets, data_classes }),
  );
  const flows: BorderFlow[] = (
    JSON.parse(raw!.flows) as [Region, Region, BorderFlow["outcome"], number, number, string[], Region][]
  ).map(([from, to, outcome, n, observations, data_classes, via]) => ({
    from,
    to,
    outcome,
    flows: n,
    observations: Number(observations),
    data_classes,
    via,
  }));
  return composeResidencyPicture({
    tenant: { tier: tierName(tenant.tier), home_region: tenant.homeRegion },
    stores: stores.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      engine: s.engine,
      region: s.region,
      record_count: s.recordCount === null ? null : Number(s.recordCount),
      size_bytes: s.sizeBytes === null ? null : Number(s.sizeBytes),
      counts_reported_at: s.countsReportedAt?.toISOString() ?? null,
      data_classes: s.dataClasses.map((d) => d.dataClass.key).sort(),
    })),
    placements,
    flows,
    openViolations: raw!.open_violations,
    register: register.map((c) => ({ key: c.key, name: c.name, sensitivity: c.sensitivity })),
  });
}
