import "server-only";
import { cache } from "react";
import type { Actor } from "@/platform/auth/actor";
import { countGate } from "@/platform/access/gate-counters";
import { pageActor, pageCall, requestPath } from "@/platform/http/page";
import { TENANT_NAV, tenantNavigation, type NavItem } from "@/platform/policy/navigation";
import type { TenantAction } from "@/platform/policy/engine";
import type { TenantRoleName } from "@/platform/policy/roles";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { tierName, type TierName } from "@/platform/region/tier";

export interface TenantShell {
  tenant: { slug: string; name: string; tier: TierName; homeRegion: string };
  role: TenantRoleName | null;
  nav: NavItem<TenantAction>[];
}

/**
 * The frame opens for whoever may open at least one of the tenant's sections (as the region frame
 * does for the region's): a support engineer opens the Support access section without reading the
 * tenant's overview. Each section's layout gates its own action; the overview's is tenant.read.
 */
const FRAME_ACTIONS: readonly TenantAction[] = [
  ...new Set(TENANT_NAV.filter((i) => i.status === "available").map((i) => i.action)),
];

/** What the frame around every tenant page needs, behind the same residency and policy gate. */
export async function getTenantShell(actor: Actor, tenantSlug: string, request: RequestOrigin): Promise<TenantShell> {
  return withTenant(actor, tenantSlug, FRAME_ACTIONS, request, async ({ actor: user, tenant, role, auditor }) => {
    countGate("shellBuilds");
    return {
      tenant: { slug: tenant.slug, name: tenant.name, tier: tierName(tenant.tier), homeRegion: tenant.homeRegion },
      role,
      nav: tenantNavigation(user, role, tenant, auditor ?? undefined),
    };
  });
}

/**
 * The shell of the tenant page being rendered, and the gate of every tenant page (307 to the
 * home region, 404, 403 as HTTP statuses): built once per request, whoever asks.
 */
export const pageTenantShell = cache(async (tenantSlug: string): Promise<TenantShell> => {
  const actor = await pageActor();
  const path = await requestPath();
  return pageCall(() => getTenantShell(actor, tenantSlug, { surface: "page", path }));
});
