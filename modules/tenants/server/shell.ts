import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { tenantNavigation, type NavItem } from "@/platform/policy/navigation";
import type { TenantAction } from "@/platform/policy/engine";
import type { TenantRoleName } from "@/platform/policy/roles";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { tierName, type TierName } from "@/platform/region/tier";

export interface TenantShell {
  tenant: { slug: string; name: string; tier: TierName; homeRegion: string };
  role: TenantRoleName | null;
  nav: NavItem<TenantAction>[];
}

/** What the frame around every tenant page needs, behind the same residency and policy gate. */
export async function getTenantShell(actor: Actor, tenantSlug: string, request: RequestOrigin): Promise<TenantShell> {
  return withTenant(actor, tenantSlug, "tenant.read", request, async ({ actor: user, tenant, role }) => ({
    tenant: { slug: tenant.slug, name: tenant.name, tier: tierName(tenant.tier), homeRegion: tenant.homeRegion },
    role,
    nav: tenantNavigation(user, role, tenant),
  }));
}
