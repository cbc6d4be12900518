import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { ForbiddenError, UnauthenticatedError } from "@/platform/errors";
import { getRegionGovernance } from "@/modules/governance/server/read";

/** The desk home's governance figures: the region's last 30 days, in six numbers. */
export interface GovernanceSummary {
  region: string;
  from: string;
  to: string;
  generated_at: string;
  records_share: number | null;
  bytes_share: number | null;
  open_violations: number;
  key_coverage: number | null;
  revoke_p99_ms: number | null;
  overdue_reviews: number;
}

/**
 * For the compliance desk's home page: the region's headline figures, or null for someone the
 * policy does not let read them (region.governance.read), so the home simply leaves the card out.
 */
export async function governanceSummary(actor: Actor): Promise<GovernanceSummary | null> {
  try {
    const view = await getRegionGovernance(actor, {});
    return {
      region: view.region,
      from: view.from,
      to: view.to,
      generated_at: view.generated_at,
      records_share: view.residency.overall.records_share,
      bytes_share: view.residency.overall.bytes_share,
      open_violations: view.violations.open,
      key_coverage: view.keys.coverage,
      revoke_p99_ms: view.revocation.p99_ms,
      overdue_reviews: view.reviews.reduce((n, r) => n + r.overdue, 0),
    };
  } catch (err) {
    if (err instanceof ForbiddenError || err instanceof UnauthenticatedError) return null;
    throw err;
  }
}
