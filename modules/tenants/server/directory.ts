import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { allowedActions, type TenantAction } from "@/platform/policy/engine";
import { withRegion } from "@/platform/access/with-region";
import type { TenantRoleName } from "@/platform/policy/roles";
import { currentRegion, findRegion } from "@/platform/region/registry";
import { prisma } from "@/platform/db/db";
import { policyPrincipal } from "@/platform/policy/principal";
import { tierName, type TierName } from "@/platform/region/tier";

export interface SwitcherTenant {
  slug: string;
  organisation: string;
  home_region: string;
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
        home_region: e.homeRegion,
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
  allowed_actions: (typeof REGION_TENANT_ACTIONS)[number][];
}

/** What the region's tenant list offers on each tenant: opening it (support engineers need a grant). */
export const REGION_TENANT_ACTIONS = ["tenant.read"] as const satisfies readonly TenantAction[];

/**
 * Every tenant homed in this region, for provider staff. Names and tiers only, and per tenant
 * the actions the policy allows this caller on it (`allowed_actions`), so the list links only
 * the tenants the caller may open.
 */
export function listRegionTenants(actor: Actor): Promise<RegionTenant[]> {
  return withRegion(actor, "region.tenants.read", async ({ actor: user }) => {
    const db = await prisma();
    const [tenants, memberships] = await Promise.all([
      db.tenant.findMany({
        orderBy: { slug: "asc" },
        select: {
          id: true,
          slug: true,
          name: true,
          tier: true,
          directory: { select: { homeRegion: true, organisationId: true, organisation: { select: { name: true } } } },
          _count: { select: { stores: true } },
        },
      }),
      db.membership.findMany({
        where: { userId: user.userId },
        select: { tenantId: true, role: true, expiresAt: true },
      }),
    ]);
    const now = new Date();
    const roles = new Map(
      memberships.filter((m) => !m.expiresAt || m.expiresAt > now).map((m) => [m.tenantId, m.role] as const),
    );
    return tenants.map((t) => ({
      slug: t.slug,
      name: t.name,
      tier: tierName(t.tier),
      organisation: t.directory.organisation.name,
      stores: t._count.stores,
      allowed_actions: allowedActions(policyPrincipal(user, roles.get(t.id) ?? null), REGION_TENANT_ACTIONS, {
        type: "Tenant",
        id: t.id,
        region: t.directory.homeRegion,
        tier: t.tier,
        organisationId: t.directory.organisationId,
      }),
    }));
  });
}
