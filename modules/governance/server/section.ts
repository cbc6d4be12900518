import "server-only";
import { cache } from "react";
import { withTenant } from "@/platform/access/with-tenant";
import { pageActor, pageCall, requestPath } from "@/platform/http/page";
import { BadRequestError, ForbiddenError } from "@/platform/errors";
import type { Actor } from "@/platform/auth/actor";
import type { RequestOrigin } from "@/platform/access/with-tenant";
import { GOVERNANCE_TABS, type GovernanceTab } from "@/modules/governance/ui/governance-tabs";
import type { RegionGovernanceView, TenantGovernanceView } from "@/modules/governance/api-schemas";
import { getRegionGovernance, getTenantGovernance } from "@/modules/governance/server/read";

/**
 * The Governance section's frame: the tabs this caller may open (each tab's action asked of the
 * policy), and the gate. Whoever may open none of them is refused (403/404 as real statuses: the
 * layout calls this above the loading boundary).
 */
export const pageGovernanceSection = cache(async (tenantSlug: string): Promise<{ tabs: GovernanceTab[] }> => {
  const actor = await pageActor();
  const path = await requestPath();
  const actions = [...new Set(GOVERNANCE_TABS.map((t) => t.action))];
  return pageCall(() =>
    withTenant(actor, tenantSlug, actions, { surface: "page", path }, async ({ allowed }) => {
      const may = new Set(allowed(actions));
      // The tab asked for is gated here too, above the section's loading boundary: a tab's own
      // layout runs inside it, where a refusal can no longer change the status (200, not 403).
      const pathname = path.split("?")[0]!;
      const asked = [...GOVERNANCE_TABS]
        .sort((a, b) => b.href.length - a.href.length)
        .find((t) => pathname === `/t/${tenantSlug}${t.href}` || pathname.startsWith(`/t/${tenantSlug}${t.href}/`));
      if (asked && !may.has(asked.action)) throw new ForbiddenError(`Your role does not allow the ${asked.label} tab.`);
      return { tabs: GOVERNANCE_TABS.filter((t) => may.has(t.action)) };
    }),
  );
});

export interface PeriodAsked {
  from?: string;
  to?: string;
}

/**
 * For the pages: a bad `?from=&to=` is said next to the period picker (with the default period's
 * figures below it) instead of replacing the page with an error.
 */
export async function tenantGovernanceForPage(
  actor: Actor,
  tenantSlug: string,
  asked: PeriodAsked,
  request: RequestOrigin,
): Promise<{ view: TenantGovernanceView; problem: string | null }> {
  try {
    return { view: await getTenantGovernance(actor, tenantSlug, asked, request), problem: null };
  } catch (err) {
    if (!(err instanceof BadRequestError)) throw err;
    return { view: await getTenantGovernance(actor, tenantSlug, {}, request), problem: err.message };
  }
}

export async function regionGovernanceForPage(
  actor: Actor,
  asked: PeriodAsked,
): Promise<{ view: RegionGovernanceView; problem: string | null }> {
  try {
    return { view: await getRegionGovernance(actor, asked), problem: null };
  } catch (err) {
    if (!(err instanceof BadRequestError)) throw err;
    return { view: await getRegionGovernance(actor, {}), problem: err.message };
  }
}
