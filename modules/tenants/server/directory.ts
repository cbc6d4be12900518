import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { ForbiddenError, UnauthenticatedError } from "@/platform/errors";
import { authorize } from "@/platform/policy/engine";
import type { TenantRoleName } from "@/platform/policy/roles";
import { currentRegion, findRegion } from "@/platform/region/registry";
import { prisma } from "@/platform/db/db";
import { policyPrincipal } from "@/platform/policy/principal";
import { tierName, type TierName } from "@/platform/region/tier";

export interface SwitcherTenant {
  slug: string;
  organisation: string;
  homeRegion: string;
  /** Where the tenant's pages are served: this instance, or its home region's. */
  url: string;
  local: boolean;
  /** The actor's role, known only for tenants homed here. */
  role: TenantRoleName | null;
}

/**
 * The tenants the actor can switch between: their memberships here, and the other tenants of
 * the same organisations from the replicated directory, which open on their home instance.
 */
export async function listSwitcherTenants(actor: Actor): Promise<SwitcherTenant[]> {
  if (actor.type !== "user") return [];
  const db = await prisma();
  const now = new Date();
  const memberships = await db.membership.findMany({
    where: {
      userId: actor.userId,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      ...(actor.tokenTenantId ? { tenantId: actor.tokenTenantId } : {}),
    },
    select: { role: true, tenant: { select: { directory: { select: { organisationId: true } }, id: true } } },
  });
  if (memberships.length === 0) return [];
  const roleByTenant = new Map(memberships.map((m) => [m.tenant.id, m.role]));
  const organisationIds = [...new Set(memberships.map((m) => m.tenant.directory.organisationId))];
  const entries = await db.directoryTenant.findMany({
    where: { organisationId: { in: organisationIds } },
    select: { id: true, slug: true, homeRegion: true, organisation: { select: { name: true } } },
    orderBy: [{ organisation: { name: "asc" } }, { slug: "asc" }],
  });
  const here = currentRegion().id;
  return entries
    .filter((e) => e.homeRegion !== here || roleByTenant.has(e.id))
    .map((e) => {
      const base = e.homeRegion === here ? "" : (findRegion(e.homeRegion)?.url ?? "");
      return {
        slug: e.slug,
        organisation: e.organisation.name,
        homeRegion: e.homeRegion,
        url: `${base}/t/${e.slug}`,
        local: e.homeRegion === here,
        role: roleByTenant.get(e.id) ?? null,
      };
    });
}

export interface RegionTenant {
  slug: string;
  name: string;
  tier: TierName;
  organisation: string;
  stores: number;
}

/** Every tenant homed in this region, for provider staff. Names and tiers only. */
export async function listRegionTenants(actor: Actor): Promise<RegionTenant[]> {
  if (actor.type !== "user") throw new UnauthenticatedError();
  const region = currentRegion();
  if (!authorize(policyPrincipal(actor), "region.tenants.read", { type: "Region", id: region.id }).allowed) {
    throw new ForbiddenError("Only provider staff see the region's tenants.");
  }
  const db = await prisma();
  const tenants = await db.tenant.findMany({
    orderBy: { slug: "asc" },
    select: {
      slug: true,
      name: true,
      tier: true,
      directory: { select: { organisation: { select: { name: true } } } },
      _count: { select: { stores: true } },
    },
  });
  return tenants.map((t) => ({
    slug: t.slug,
    name: t.name,
    tier: tierName(t.tier),
    organisation: t.directory.organisation.name,
    stores: t._count.stores,
  }));
}
