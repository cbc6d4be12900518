import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withRegion } from "@/platform/access/with-region";
import { withTenant, type RequestOrigin, type TenantRef } from "@/platform/access/with-tenant";
import { prisma } from "@/platform/db/db";
import { allowedActions, type TenantAction } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import type { TenantRoleName } from "@/platform/policy/roles";
import { effectiveDataClasses } from "@/modules/sharing/server/data-classes";
import { accessDaily } from "@/modules/support/server/accesses";
import { loadRequests, tenantStores } from "@/modules/support/server/store";
import { requestViews, type SupportRequestView } from "@/modules/support/server/views";

/** What the "Request access" form offers: the tenant's stores (with their region) and its data classes. */
export interface RequestFormOptions {
  stores: { id: string; name: string; region: string; data_classes: string[] }[];
  data_classes: { key: string; name: string; sensitivity: string }[];
}

/** The choices of the request form, for whoever may ask for access to this tenant (support.request). */
export function requestFormOptions(
  actor: Actor,
  tenantSlug: string,
  origin: RequestOrigin,
): Promise<RequestFormOptions> {
  return withTenant(actor, tenantSlug, "support.request", origin, async (scope) => {
    const [stores, classes] = await Promise.all([
      tenantStores(scope.db, scope.tenant.id),
      effectiveDataClasses(scope.db, scope.tenant.id),
    ]);
    return {
      stores: [...stores.values()]
        .map((s) => ({ id: s.id, name: s.name, region: s.region, data_classes: s.classes }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      data_classes: classes.map((c) => ({ key: c.key, name: c.name, sensitivity: c.sensitivity })),
    };
  });
}

/**
 * The access log's per-day and per-grant counts for the support page (aggregates only: the raw
 * events stay in the ingest table), or null for a caller who may not read the tenant's support
 * access as a whole (support.read; a support engineer sees only their own requests).
 */
export function accessSummaryIfAllowed(actor: Actor, tenantSlug: string, origin: RequestOrigin) {
  return withTenant(actor, tenantSlug, "support.requests.read", origin, async (scope) =>
    scope.allowed(["support.read"]).length > 0 ? accessDaily(scope.db, scope.tenant.id) : null,
  );
}

/** What the desk offers on each tenant: opening its support section, asking for access. */
export const DESK_TENANT_ACTIONS = [
  "support.requests.read",
  "support.request",
] as const satisfies readonly TenantAction[];

export interface DeskTenant {
  slug: string;
  name: string;
  organisation: string;
  allowed_actions: (typeof DESK_TENANT_ACTIONS)[number][];
}

export interface MyRequests {
  region: string;
  tenants: DeskTenant[];
  /** The caller's own requests over the tenants homed here, newest first; each names its tenant. */
  requests: SupportRequestView[];
}

/**
 * The support engineer's desk: the tenants homed in this region (with what the policy lets the
 * caller do on each), and the caller's own requests and grants across them, each with its steps.
 */
export function myRequests(actor: Actor): Promise<MyRequests> {
  return withRegion(actor, "region.support.request", async ({ actor: user, region }) => {
    const db = await prisma();
    const [tenants, memberships, asked] = await Promise.all([
      db.tenant.findMany({
        orderBy: { slug: "asc" },
        select: {
          id: true,
          slug: true,
          name: true,
          tier: true,
          directory: { select: { homeRegion: true, organisationId: true, organisation: { select: { name: true } } } },
        },
      }),
      db.membership.findMany({
        where: { userId: user.userId },
        select: { tenantId: true, role: true, expiresAt: true },
      }),
      db.supportRequest.findMany({
        where: { requesterId: user.userId },
        select: { tenantId: true },
        distinct: ["tenantId"],
      }),
    ]);
    const now = new Date();
    const roles = new Map<string, TenantRoleName>(
      memberships.filter((m) => !m.expiresAt || m.expiresAt > now).map((m) => [m.tenantId, m.role]),
    );
    const here = tenants.filter((t) => t.directory.homeRegion === region.id);
    const refs = new Map<string, TenantRef>(
      here.map((t) => [
        t.id,
        {
          id: t.id,
          slug: t.slug,
          name: t.name,
          tier: t.tier,
          homeRegion: t.directory.homeRegion,
          organisationId: t.directory.organisationId,
        },
      ]),
    );
    const askedHere = asked.map((a) => refs.get(a.tenantId)).filter((t): t is TenantRef => Boolean(t));
    const perTenant = await Promise.all(
      askedHere.map(async (tenant) => {
        const loaded = await loadRequests(db, { tenantId: tenant.id, requesterId: user.userId });
        return requestViews(db, { actor: user, role: roles.get(tenant.id) ?? null, tenant }, loaded);
      }),
    );
    return {
      region: region.id,
      tenants: here.map((t) => ({
        slug: t.slug,
        name: t.name,
        organisation: t.directory.organisation.name,
        allowed_actions: allowedActions(policyPrincipal(user, roles.get(t.id) ?? null), DESK_TENANT_ACTIONS, {
          type: "Tenant",
          id: t.id,
          region: t.directory.homeRegion,
          tier: t.tier,
          organisationId: t.directory.organisationId,
        }),
      })),
      requests: perTenant.flat().sort((a, b) => b.created_at.localeCompare(a.created_at)),
    };
  });
}
