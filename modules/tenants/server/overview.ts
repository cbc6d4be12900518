import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { tierName, type TierName } from "@/platform/region/tier";

export interface StoreSummary {
  id: string;
  name: string;
  kind: string;
  engine: string;
  recordCount: number | null;
  sizeBytes: number | null;
  countsReportedAt: string | null;
  dataClasses: { key: string; name: string; sensitivity: string }[];
}

export interface RegionStores {
  region: string;
  stores: StoreSummary[];
}

export interface TenantOverview {
  tenant: {
    id: string;
    slug: string;
    name: string;
    tier: TierName;
    homeRegion: string;
    organisation: { id: string; slug: string; name: string };
  };
  regions: RegionStores[];
  totals: { stores: number; records: number; sizeBytes: number; dataClasses: number };
}

/** The tenant's residency picture: tier, home region, and its stores by region with their data classes. */
export async function getTenantOverview(
  actor: Actor,
  tenantSlug: string,
  request: RequestOrigin,
): Promise<TenantOverview> {
  return withTenant(actor, tenantSlug, "tenant.read", request, async ({ db, tenant }) => {
    const [organisation, stores] = await Promise.all([
      db.directoryOrganisation.findUniqueOrThrow({
        where: { id: tenant.organisationId },
        select: { id: true, slug: true, name: true },
      }),
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
          dataClasses: {
            select: { dataClass: { select: { key: true, name: true, sensitivity: true } } },
            orderBy: { dataClass: { key: "asc" } },
          },
        },
      }),
    ]);

    const byRegion = new Map<string, StoreSummary[]>();
    const classes = new Set<string>();
    let records = 0;
    let sizeBytes = 0;
    for (const store of stores) {
      const summary: StoreSummary = {
        id: store.id,
        name: store.name,
        kind: store.kind,
        engine: store.engine,
        recordCount: store.recordCount === null ? null : Number(store.recordCount),
        sizeBytes: store.sizeBytes === null ? null : Number(store.sizeBytes),
        countsReportedAt: store.countsReportedAt?.toISOString() ?? null,
        dataClasses: store.dataClasses.map((d) => d.dataClass),
      };
      summary.dataClasses.forEach((d) => classes.add(d.key));
      records += summary.recordCount ?? 0;
      sizeBytes += summary.sizeBytes ?? 0;
      const list = byRegion.get(store.region) ?? [];
      list.push(summary);
      byRegion.set(store.region, list);
    }
    // Home region first: it is where the data is supposed to be.
    const regions = [...byRegion.entries()]
      .sort(([a], [b]) => (a === tenant.homeRegion ? -1 : b === tenant.homeRegion ? 1 : a.localeCompare(b)))
      .map(([region, list]) => ({ region, stores: list }));

    return {
      tenant: {
        id: tenant.id,
        slug: tenant.slug,
        name: tenant.name,
        tier: tierName(tenant.tier),
        homeRegion: tenant.homeRegion,
        organisation,
      },
      regions,
      totals: { stores: stores.length, records, sizeBytes, dataClasses: classes.size },
    };
  });
}
