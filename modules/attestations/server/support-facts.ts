import "server-only";
import type { Tx } from "@/platform/db/transaction";
import type { Period } from "@/modules/attestations/domain/period";
import type { ResidencyPredicate } from "@/modules/attestations/domain/predicate";

/**
 * Provider access to the tenant's data in the period, from the same registers and daily
 * aggregates the Support access pages read: requests made, grants issued, accesses within and
 * outside grants (by the UTC day they fell on), break-glass grants opened and reviewed.
 */
export async function supportFacts(
  tx: Tx,
  tenantId: string,
  period: Period,
): Promise<Pick<ResidencyPredicate, "support_access">> {
  const inPeriod = { gte: period.from, lt: period.to };
  const requests = await tx.supportRequest.count({ where: { tenantId, createdAt: inPeriod } });
  const grants = await tx.supportGrant.count({ where: { tenantId, createdAt: inPeriod } });
  const [breakGlass] = await tx.$queryRaw<{ opened: number; reviewed: number }[]>`
    SELECT count(*)::int AS opened, (count(*) FILTER (WHERE r.reviewed_at < ${period.to}))::int AS reviewed
      FROM support_requests r JOIN support_grants g ON g.request_id = r.id
     WHERE r.tenant_id = ${tenantId} AND r.break_glass
       AND g.created_at >= ${period.from} AND g.created_at < ${period.to}`;
  const [days] = await tx.$queryRaw<{ within: number; outside: number }[]>`
    SELECT COALESCE(sum(count) FILTER (WHERE verdict = 'within_grant'), 0)::int AS within,
           COALESCE(sum(count) FILTER (WHERE verdict = 'outside_grant'), 0)::int AS outside
      FROM support_access_daily
     WHERE tenant_id = ${tenantId}
       AND day >= (${period.from}::timestamptz AT TIME ZONE 'UTC')::date
       AND day < (${period.to}::timestamptz AT TIME ZONE 'UTC')::date`;
  return {
    support_access: {
      requests,
      grants,
      accesses_within_grant: days?.within ?? 0,
      accesses_outside_grant: days?.outside ?? 0,
      break_glass: { opened: breakGlass?.opened ?? 0, reviewed: breakGlass?.reviewed ?? 0 },
    },
  };
}
