import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { databaseNow } from "@/platform/db/db-time";
import { countryName } from "@/platform/region/countries";
import type { TenantRequestsView } from "@/modules/lawful-access/api-schemas/register";
import {
  DISPOSITION_LABELS,
  KIND_LABELS,
  prohibitionHolds,
  type Disposition,
  type RequestKind,
} from "@/modules/lawful-access/domain/model";

/**
 * `GET …/tenants/{tenant}/lawful-access-requests`: the requests that concern the tenant, as its
 * admins see them. A request under a legal prohibition that still holds (on the database's
 * clock) is left out entirely, for compliance officers reading through the tenant too: the
 * tenant's view is what the tenant may be told. Other tenants concerned, the staff's names, the
 * prohibition and the rationale are not shown.
 */
export function getTenantLawfulAccess(
  actor: Actor,
  tenantSlug: string,
  request: RequestOrigin,
): Promise<TenantRequestsView> {
  return withTenant(actor, tenantSlug, "lawful_access.read", request, async ({ db, tenant }) => {
    const now = await databaseNow(db);
    const rows = await db.lawfulAccessRequest.findMany({
      where: { region: tenant.homeRegion, tenantIds: { has: tenant.id } },
      orderBy: [{ receivedAt: "desc" }, { id: "asc" }],
    });
    return {
      tenant: { slug: tenant.slug, name: tenant.name },
      requests: rows
        .filter((r) => !prohibitionHolds(r, now))
        .map((r) => ({
          id: r.id,
          state: r.closedAt ? ("closed" as const) : ("open" as const),
          authority: r.authority,
          jurisdiction: r.jurisdiction,
          jurisdiction_name: countryName(r.jurisdiction),
          legal_instrument: r.legalInstrument,
          kind: r.kind as RequestKind,
          kind_label: KIND_LABELS[r.kind as RequestKind],
          data_classes: r.dataClasses,
          received_at: r.receivedAt.toISOString(),
          responded_at: r.respondedAt?.toISOString() ?? null,
          notified_at: r.notifiedAt?.toISOString() ?? null,
          disposition: r.disposition as Disposition,
          disposition_label: DISPOSITION_LABELS[r.disposition as Disposition],
          closed_at: r.closedAt?.toISOString() ?? null,
        })),
    };
  });
}
