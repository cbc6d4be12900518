import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { TENANT_ACTIONS, type TenantAction } from "@/platform/policy/engine";
import { tierName, type TierName } from "@/platform/region/tier";

export interface StoreSummary {
  id: string;
  name: string;
  kind: string;
  engine: string;
  record_count: number | null;
  size_bytes: number | null;
  counts_reported_at: string | null;
  data_classes: { key: string; name: string; sensitivity: string }[];
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
    home_region: string;
    organisation: { id: string; slug: string; name: string };
  };
  regions: RegionStores[];
  totals: { stores: number; records: number; size_bytes: number; data_classes: number };
  /** Every tenant action the policy allows this caller on the tenant (what the UI may offer). */
  allowed_actions: TenantAction[];
}

const ALL_TENANT_ACTIONS = Object.keys(TENANT_ACTIONS) as TenantAction[];

/** The tenant's residency picture: tier, home region, and its stores by region with their data classes. */
export async function getTenantOverview(
  actor: Actor,
  tenantSlug: string,
  request: RequestOrigin,
): Promise<TenantOverview> {
  return withTenant(actor, tenantSlug, "tenant.read", request, async ({ db, tenant, allowed }) => {
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
        record_count: store.recordCount === null ? null : Number(store.recordCount),
        size_bytes: store.sizeBytes === null ? null : Number(store.sizeBytes),
        counts_reported_at: store.countsReportedAt?.toISOString() ?? null,
        data_classes: store.dataClasses.map((d) => d.dataClass),
      };
      summary.data_classes.forEach((d) => classes.add(d.key));
      records += summary.record_count ?? 0;
      sizeBytes += summary.size_bytes ?? 0;
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
        home_region: tenant.homeRegion,
        organisation,
      },
      regions,
      totals: { stores: stores.length, records, size_bytes: sizeBytes, data_classes: classes.size },
      allowed_actions: allowed(ALL_TENANT_ACTIONS),
    };
  });
}
