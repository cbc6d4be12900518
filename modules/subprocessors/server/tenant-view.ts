import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { diffEntries } from "@/modules/subprocessors/domain/diff";
import { CHANGE_KIND_LABELS, type ChangeKind } from "@/modules/subprocessors/domain/model";
import type { TenantSubprocessorsView } from "@/modules/subprocessors/api-schemas/tenant";
import { impactView, tenantImpact } from "@/modules/subprocessors/server/impact";
import { objectionViews } from "@/modules/subprocessors/server/objection-views";
import { fieldsOf } from "@/modules/subprocessors/server/rows";
import { registerSettings } from "@/modules/subprocessors/server/settings";

/**
 * `GET …/tenants/{tenant}/subprocessors`: the tenant's Subprocessors section. Every active
 * subprocessor and announced change of the region with the tenant's data classes it touches and
 * whether a decision allows each; the tenant's objections; "object" for customer admins, on each
 * announced change still in its notice period that the tenant has not objected to yet.
 */
export function getTenantSubprocessors(
  actor: Actor,
  tenantSlug: string,
  request: RequestOrigin,
): Promise<TenantSubprocessorsView> {
  return withTenant(actor, tenantSlug, "subprocessors.read", request, async ({ db, tenant, allowed }) => {
    const [impact, settings] = await Promise.all([
      tenantImpact({ id: tenant.id, homeRegion: tenant.homeRegion }),
      registerSettings(db, tenant.homeRegion),
    ]);
    const rows = await db.subprocessorObjection.findMany({
      where: { tenantId: tenant.id },
      orderBy: { createdAt: "desc" },
    });
    const objections = await objectionViews(db, rows, impact.now);
    const mayObject = allowed(["subprocessors.object"]).length > 0;
    return {
      tenant: { slug: tenant.slug, name: tenant.name, home_region: tenant.homeRegion },
      region: tenant.homeRegion,
      now: impact.now.toISOString(),
      subprocessors: impact.subprocessors.map(({ impact: i, ...entry }) => ({ ...entry, impact: impactView(i) })),
      changes: impact.changes.map(({ change, before, after, impact: i }) => {
        const objection = objections.find((o) => o.change_id === change.id) ?? null;
        const open = change.effectiveAt !== null && change.effectiveAt > impact.now;
        const kind = change.kind as ChangeKind;
        return {
          change_id: change.id,
          subprocessor_id: change.subprocessorId,
          name: after.name,
          kind,
          kind_label: CHANGE_KIND_LABELS[kind],
          effective_at: (change.effectiveAt ?? impact.now).toISOString(),
          before,
          after,
          diff: kind === "retire" ? [] : diffEntries(before && fieldsOf(before), fieldsOf(after)),
          impact: impactView(i),
          objection,
          allowed_actions: mayObject && open && !objection ? ["object" as const] : [],
        };
      }),
      objections,
      objection_days: settings.objection_days,
      data_classes: [...impact.classes].map(([key, c]) => ({ key, name: c.name, sensitivity: c.sensitivity })),
      allowed_actions: mayObject ? ["object"] : [],
    };
  });
}
