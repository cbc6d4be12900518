import "server-only";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { BadRequestError } from "@/platform/errors";
import { attributionWords, type LineageEventIn } from "@/modules/lineage/domain/parse-batch";
import { currentRegion, findRegion, regionUrl } from "@/platform/region/registry";

/**
 * What ingest checks against the registers before anything is stored: every event's tenant is
 * known and homed here, and every data class a residency facet names is one of the tenant's.
 * One query each for the whole batch; the first problem is refused with its event and path.
 */

/** Tenant slug → id. Unknown tenants and tenants homed in another region are refused. */
export async function resolveTenants(
  db: PrismaClient,
  events: readonly LineageEventIn[],
): Promise<Map<string, string>> {
  const slugs = [...new Set(events.map((e) => e.tenant))];
  const rows = await db.directoryTenant.findMany({
    where: { slug: { in: slugs } },
    select: { id: true, slug: true, homeRegion: true, tenant: { select: { id: true } } },
  });
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  const here = currentRegion().id;
  for (const e of events) {
    const t = bySlug.get(e.tenant);
    const { path } = e.tenantFrom;
    const by = attributionWords(e.tenantFrom);
    const where = `Event ${e.index} (${path})`;
    if (t && t.homeRegion !== here) {
      throw new BadRequestError(
        `${where}: ${e.tenant}${by} is homed in ${t.homeRegion}; send its lineage to that region's instance.`,
        "wrong_region",
        {
          index: e.index,
          path,
          home_region: t.homeRegion,
          ...(findRegion(t.homeRegion) ? { home_url: regionUrl(t.homeRegion, "/api/v1/ingest/openlineage") } : {}),
        },
      );
    }
    if (!t?.tenant)
      throw new BadRequestError(`${where}: no tenant "${e.tenant}"${by} is known here.`, "unknown_tenant", {
        index: e.index,
        path,
      });
  }
  return new Map(rows.map((r) => [r.slug, r.id]));
}

/** Every region a residency facet names is in the region registry (the map must be able to place it). */
export function checkRegions(events: readonly LineageEventIn[]): void {
  for (const e of events) {
    for (const d of [e.dataset, ...e.inputs, ...e.outputs]) {
      const region = d?.residency?.region;
      if (d && region && !findRegion(region)) {
        const path = `${d.path}.facets.terrane_residency.region`;
        throw new BadRequestError(
          `Event ${e.index} (${path}): ${region} is not a region of this provider.`,
          "unknown_region",
          { index: e.index, path },
        );
      }
    }
  }
}

/** Every data class key in a residency facet exists in the catalogue or among the tenant's own. */
export async function checkDataClasses(
  db: PrismaClient,
  events: readonly LineageEventIn[],
  tenantIds: ReadonlyMap<string, string>,
): Promise<void> {
  const wanted = new Set(
    events.flatMap((e) => [e.dataset, ...e.inputs, ...e.outputs].flatMap((d) => d?.residency?.dataClasses ?? [])),
  );
  if (wanted.size === 0) return;
  const rows = await db.dataClass.findMany({
    where: { key: { in: [...wanted] }, OR: [{ tenantId: null }, { tenantId: { in: [...tenantIds.values()] } }] },
    select: { key: true, tenantId: true },
  });
  const has = (tenantId: string, key: string) =>
    rows.some((r) => r.key === key && (r.tenantId === null || r.tenantId === tenantId));
  for (const e of events) {
    const tenantId = tenantIds.get(e.tenant)!;
    for (const d of [e.dataset, ...e.inputs, ...e.outputs]) {
      const classes = d?.residency?.dataClasses ?? [];
      const i = classes.findIndex((k) => !has(tenantId, k));
      if (d && i >= 0) {
        const path = `${d.path}.facets.terrane_residency.dataClasses[${i}]`;
        throw new BadRequestError(
          `Event ${e.index} (${path}): ${e.tenant} has no data class "${classes[i]}"; see GET /api/v1/tenants/${e.tenant}/data-classes.`,
          "unknown_data_class",
          {
            index: e.index,
            path,
          },
        );
      }
    }
  }
}
