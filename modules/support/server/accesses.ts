import "server-only";
import type { z } from "zod";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { toCsv } from "@/platform/csv";
import type { accessList, accessesQuery } from "@/modules/support/api-schemas";
import type { AccessOperation } from "@/modules/support/domain/judge-access";
import type { ReasonCode } from "@/modules/support/domain/model";
import type { Db } from "@/modules/support/server/store";

type Query = z.infer<typeof accessesQuery>;
type Verdict = "within_grant" | "outside_grant";

const CSV_HEADER = [
  "id",
  "time",
  "principal",
  "job_title",
  "employer",
  "office_country",
  "location_country",
  "store",
  "data_class",
  "operation",
  "method",
  "reason",
  "grant_id",
  "break_glass_id",
  "verdict",
  "verdict_reason",
] as const;

/**
 * Every access by provider staff, as the API and the CSV export give it (the raw events, newest
 * first, up to `limit`), and the per-day and per-grant counts pages read instead.
 */
export function listAccesses(
  actor: Actor,
  tenantSlug: string,
  query: Query,
  origin: RequestOrigin,
): Promise<z.infer<typeof accessList>> {
  return withTenant(actor, tenantSlug, "support.read", origin, async (scope) => {
    const where = {
      tenantId: scope.tenant.id,
      ...(query.verdict ? { verdict: query.verdict } : {}),
      ...(query.grant ? { OR: [{ grantId: query.grant }, { breakGlassId: query.grant }] } : {}),
    };
    const [rows, daily] = await Promise.all([
      scope.db.supportAccessEvent.findMany({ where, orderBy: { time: "desc" }, take: query.limit + 1 }),
      accessDaily(scope.db, scope.tenant.id),
    ]);
    return {
      tenant: scope.tenant.slug,
      accesses: rows.slice(0, query.limit).map((r) => ({
        id: r.eventId,
        time: r.time.toISOString(),
        principal: r.principal,
        job_title: r.jobTitle,
        employer: r.employer,
        office_country: r.officeCountry,
        location_country: r.locationCountry,
        store: r.store,
        data_class: r.dataClass,
        operation: r.operation as AccessOperation,
        method: r.method,
        reason: r.reason as ReasonCode,
        grant_id: r.grantId,
        break_glass_id: r.breakGlassId,
        verdict: r.verdict as Verdict,
        verdict_reason: r.verdictReason,
      })),
      truncated: rows.length > query.limit,
      daily,
    };
  });
}

/** The per-day aggregates (last 90 days): what the support page shows. */
export async function accessDaily(db: Db, tenantId: string): Promise<z.infer<typeof accessList>["daily"]> {
  const rows = await db.supportAccessDaily.findMany({
    where: { tenantId, day: { gte: new Date(Date.now() - 90 * 86_400_000) } },
    orderBy: [{ day: "desc" }, { grantId: "asc" }],
  });
  const byKey = new Map<
    string,
    { day: string; grant_id: string | null; within_grant: number; outside_grant: number }
  >();
  for (const r of rows) {
    const day = r.day.toISOString().slice(0, 10);
    const key = `${day}|${r.grantId}`;
    const entry = byKey.get(key) ?? { day, grant_id: r.grantId || null, within_grant: 0, outside_grant: 0 };
    entry[r.verdict as Verdict] += r.count;
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

export async function accessesCsv(actor: Actor, tenantSlug: string, query: Query, origin: RequestOrigin) {
  const list = await listAccesses(actor, tenantSlug, query, origin);
  const rows = list.accesses.map((a) => CSV_HEADER.map((h) => a[h]));
  return { filename: `${list.tenant}-support-accesses.csv`, body: toCsv(CSV_HEADER, rows) };
}
