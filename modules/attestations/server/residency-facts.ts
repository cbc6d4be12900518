import "server-only";
import type { Tx } from "@/platform/db/transaction";
import { decisionContentDigest } from "@/modules/sharing/domain/content-digest";
import { contentOf, inForceAt, loadDecisions } from "@/modules/sharing/server/store";
import type { Period } from "@/modules/attestations/domain/period";
import type { ResidencyPredicate } from "@/modules/attestations/domain/predicate";
import { tenantTierIn, tierName } from "@/platform/region/tier";

type Facts = Pick<ResidencyPredicate, "tenant" | "residency" | "flows" | "violations" | "decisions_in_force">;

const iso = (d: Date) => d.toISOString();

/**
 * Where the tenant's data is and what crossed a border in the period: stores by region (the
 * data plane's latest aggregate counts), every border-crossing lineage flow seen in the period
 * with its verdict and the decisions applied (each with its content digest), the alerts raised
 * or still open in it, and the decisions in force at its end.
 */
export async function residencyFacts(tx: Tx, tenantId: string, period: Period): Promise<Facts> {
  const tenant = await tx.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: {
      id: true,
      slug: true,
      name: true,
      tier: true,
      directory: { select: { homeRegion: true, organisation: { select: { id: true, name: true } } } },
      stores: {
        orderBy: [{ region: "asc" }, { name: "asc" }],
        select: {
          id: true,
          name: true,
          region: true,
          engine: true,
          recordCount: true,
          sizeBytes: true,
          dataClasses: { select: { dataClass: { select: { key: true } } } },
        },
      },
    },
  });
  const home = tenant.directory.homeRegion;
  // The residency picture's rule (modules/residency): a region holds data by the store inventory or
  // by the datasets the lineage places there, here those seen in the period.
  const placed = await tx.$queryRaw<{ region: string; datasets: number }[]>`
    SELECT region, count(*)::int AS datasets FROM lineage_datasets
     WHERE tenant_id = ${tenantId} AND region IS NOT NULL
       AND first_seen_at < ${period.to} AND last_seen_at >= ${period.from}
     GROUP BY region`;
  const datasetsIn = new Map(placed.map((p) => [p.region, p.datasets]));
  const regions = [
    home,
    ...[...new Set([...tenant.stores.map((s) => s.region), ...datasetsIn.keys()])].filter((r) => r !== home).sort(),
  ];
  const residency = {
    regions: regions.map((region) => ({
      region,
      // The same rule as the map's and the overview's: the tenant's tier at home, none elsewhere.
      tier: tenantTierIn({ tier: tierName(tenant.tier), home_region: home }, region),
      home: region === home,
      datasets: datasetsIn.get(region) ?? 0,
      stores: tenant.stores
        .filter((s) => s.region === region)
        .map((s) => ({
          id: s.id,
          name: s.name,
          engine: s.engine,
          data_classes: s.dataClasses.map((d) => d.dataClass.key).sort(),
          records: s.recordCount === null ? null : Number(s.recordCount),
          bytes: s.sizeBytes === null ? null : Number(s.sizeBytes),
        })),
    })),
  };

  const decisions = await loadDecisions(tx, tenantId);
  const digestOf = new Map<string, { id: string; version: number; content_sha256: string }>();
  for (const d of decisions)
    for (const v of d.versions)
      digestOf.set(v.id, {
        id: d.id,
        version: v.version,
        content_sha256: decisionContentDigest(
          { dataClassKey: d.dataClassKey, destination: d.destination },
          contentOf(v),
        ),
      });
  const decisionsInForce = decisions.flatMap((d) => {
    const v = inForceAt(d, new Date(period.to.getTime() - 1));
    if (!v) return [];
    return [
      {
        ...digestOf.get(v.id)!,
        data_class: d.dataClassKey,
        destination: {
          kind: d.destination.kind === "region" ? ("region" as const) : ("subprocessor" as const),
          id: d.destination.id,
          region: d.destination.location,
        },
        outcome: v.outcome,
        legal_basis: v.legalBasis,
        effective_from: iso(v.effectiveFrom),
        effective_to: v.effectiveTo ? iso(v.effectiveTo) : null,
      },
    ];
  });

  const edges = await tx.$queryRaw<
    {
      from_region: string | null;
      to_region: string | null;
      to_subprocessor: string | null;
      data_classes: string[];
      outcome: string;
      count: number;
      first_seen_at: Date;
      last_seen_at: Date;
      decisions: { versionId?: string }[];
    }[]
  >`
    SELECT s.region AS from_region, t.region AS to_region, t.subprocessor AS to_subprocessor,
           e.data_classes, e.outcome, e.count, e.first_seen_at, e.last_seen_at, e.decisions
      FROM lineage_edges e
      JOIN lineage_datasets s ON s.id = e.source_id
      JOIN lineage_datasets t ON t.id = e.target_id
     WHERE e.tenant_id = ${tenantId} AND e.kind = 'flow'
       AND e.outcome IN ('allowed', 'allowed_with_condition', 'violation', 'unknown_region')
       AND e.first_seen_at < ${period.to} AND e.last_seen_at >= ${period.from}
     ORDER BY e.first_seen_at, e.id`;
  const flows = edges.map((e) => ({
    from_region: e.from_region,
    to: e.to_subprocessor
      ? { kind: "subprocessor" as const, id: e.to_subprocessor, region: e.to_region }
      : { kind: "region" as const, id: e.to_region ?? "unknown", region: e.to_region },
    data_classes: [...e.data_classes].sort(),
    verdict: e.outcome as ResidencyPredicate["flows"][number]["verdict"],
    runs: e.count,
    first_seen: iso(e.first_seen_at),
    last_seen: iso(e.last_seen_at),
    decisions: (Array.isArray(e.decisions) ? e.decisions : []).flatMap((a) =>
      a.versionId && digestOf.has(a.versionId) ? [digestOf.get(a.versionId)!] : [],
    ),
  }));

  const alerts = await tx.lineageAlert.findMany({
    where: {
      tenantId,
      raisedAt: { lt: period.to },
      OR: [{ resolvedAt: null }, { resolvedAt: { gte: period.from } }],
    },
    orderBy: [{ raisedAt: "asc" }, { id: "asc" }],
  });
  // As they stood at the period's end, whatever happened to them since.
  const statusAtEnd = (a: (typeof alerts)[number]) =>
    a.resolvedAt && a.resolvedAt < period.to
      ? "resolved"
      : a.acknowledgedAt && a.acknowledgedAt < period.to
        ? "acknowledged"
        : "open";
  const alertFacts = alerts.map((a) => ({
    id: a.id,
    kind: a.kind as "border_violation" | "region_unknown",
    status: statusAtEnd(a) as "open" | "acknowledged" | "resolved",
    raised_at: iso(a.raisedAt),
    resolved_at: a.resolvedAt && a.resolvedAt < period.to ? iso(a.resolvedAt) : null,
    from_region: a.fromRegion,
    to: a.toKind
      ? {
          kind: a.toKind === "subprocessor" ? ("subprocessor" as const) : ("region" as const),
          id: a.toId ?? "",
          region: a.toRegion,
        }
      : null,
    data_classes: [...a.dataClasses].sort(),
  }));

  return {
    tenant: {
      id: tenant.id,
      slug: tenant.slug,
      name: tenant.name,
      organisation: tenant.directory.organisation,
      home_region: home,
      tier: tierName(tenant.tier),
    },
    residency,
    flows,
    violations: {
      open: alertFacts.filter((a) => a.status !== "resolved").length,
      resolved: alertFacts.filter((a) => a.status === "resolved").length,
      alerts: alertFacts,
    },
    decisions_in_force: decisionsInForce,
  };
}
