import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { TENANT_ACTIONS, type TenantAction } from "@/platform/policy/engine";
import { tierName, type TierName } from "@/platform/region/tier";
import { readResidencyPicture } from "@/modules/residency/server/picture";
import type { BorderVerdict } from "@/modules/residency/domain/picture";

export interface DataClassName {
  key: string;
  name: string;
  sensitivity: string;
}

export interface StoreSummary {
  id: string;
  name: string;
  kind: string;
  engine: string;
  record_count: number | null;
  size_bytes: number | null;
  counts_reported_at: string | null;
  data_classes: DataClassName[];
}

export interface RegionStores {
  region: string;
  /** The tenant's tier in this region (its home), else null. */
  tier: TierName | null;
  home: boolean;
  stores: StoreSummary[];
  /** Datasets the tenant's lineage places here. */
  datasets: number;
  /** The classes held here by stores or datasets, with their names. */
  data_classes: DataClassName[];
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
  /** Every region holding the tenant's data, by the store inventory or by lineage: home first. */
  regions: RegionStores[];
  totals: { stores: number; records: number; size_bytes: number; data_classes: number };
  /** Unresolved border-violation alerts: the count lineage's findings give. */
  open_violations: number;
  border_flows: Record<BorderVerdict, number>;
  unknown_region_datasets: number;
  /** Every tenant action the policy allows this caller on the tenant (what the UI may offer). */
  allowed_actions: TenantAction[];
}

const ALL_TENANT_ACTIONS = Object.keys(TENANT_ACTIONS) as TenantAction[];

/** The tenant's residency picture (modules/residency) as the overview shows it, with its organisation. */
export async function getTenantOverview(
  actor: Actor,
  tenantSlug: string,
  request: RequestOrigin,
): Promise<TenantOverview> {
  return withTenant(actor, tenantSlug, "tenant.read", request, async ({ db, tenant, allowed }) => {
    const [organisation, picture] = await Promise.all([
      db.directoryOrganisation.findUniqueOrThrow({
        where: { id: tenant.organisationId },
        select: { id: true, slug: true, name: true },
      }),
      readResidencyPicture(db, tenant),
    ]);
    const named = (key: string) => {
      const c = picture.classes[key]!;
      return { key, name: c.name, sensitivity: c.sensitivity ?? "unclassified" };
    };
    const stores = picture.regions.flatMap((r) => r.stores);
    const classes = new Set(picture.regions.flatMap((r) => r.data_classes));
    const regions = picture.regions.map((r) => ({
      region: r.region,
      tier: r.tier,
      home: r.home,
      stores: r.stores.map(({ region: _region, ...s }) => ({ ...s, data_classes: s.data_classes.map(named) })),
      datasets: r.datasets,
      data_classes: r.data_classes.map(named),
    }));
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
      totals: {
        stores: stores.length,
        records: stores.reduce((n, s) => n + (s.record_count ?? 0), 0),
        size_bytes: stores.reduce((n, s) => n + (s.size_bytes ?? 0), 0),
        data_classes: classes.size,
      },
      open_violations: picture.open_violations,
      border_flows: picture.border_flows,
      unknown_region_datasets: picture.unknown_region_datasets,
      allowed_actions: allowed(ALL_TENANT_ACTIONS),
    };
  });
}
