import "server-only";
import { cache } from "react";
import type { Actor, UserActor } from "@/platform/auth/actor";
import { ForbiddenError, NotFoundError, ResidencyError, UnauthenticatedError } from "@/platform/errors";
import {
  allowedActions,
  authorize,
  changesState,
  type AuditorFacts,
  type PolicyResource,
  type TenantAction,
} from "@/platform/policy/engine";
import { countGate } from "@/platform/access/gate-counters";
import type { TenantRoleName } from "@/platform/policy/roles";
import { currentRegion, regionUrl } from "@/platform/region/registry";
import type { StoredTier } from "@/platform/region/tier";
import { appendAudit } from "@/modules/audit/server/append";
import { recordDeniedChange } from "@/modules/audit/server/denied-access";
import { prisma } from "@/platform/db/db";
import type { PrismaClient } from "@/platform/db/transaction";
import { policyPrincipal } from "@/platform/policy/principal";

export interface TenantRef {
  id: string;
  slug: string;
  name: string;
  tier: StoredTier;
  homeRegion: string;
  organisationId: string;
}

export interface TenantScope {
  db: PrismaClient;
  actor: UserActor;
  tenant: TenantRef;
  /** The actor's role in this tenant, if a member. */
  role: TenantRoleName | null;
  /** For an auditor: the engagement (what, which periods, the NDA); null for everyone else. */
  auditor: AuditorEngagement | null;
  /** Which of `candidates` the policy lets this actor do on this tenant (a read model's `allowed_actions`). */
  allowed: <A extends TenantAction>(candidates: readonly A[]) => A[];
}

export interface AuditorEngagement extends AuditorFacts {
  membershipId: string;
  /** The periods the auditor may read: evidence of a period outside [scopeFrom, scopeTo) is refused. */
  scopeFrom: Date | null;
  scopeTo: Date | null;
  expiresAt: Date | null;
}

export interface RequestOrigin {
  /** Where the refused request came in: "api" or "page". */
  surface: "api" | "page";
  /** Path and query, so a redirect lands on the same view in the home region. */
  path: string;
  /** The client's address (platform/auth/client-address.ts), where the operation records who read what. */
  ip?: string;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Every tenant entry point goes through here: resolve the tenant through the directory,
 * refuse one homed elsewhere (recorded, then a redirect at the edge), resolve the actor's
 * role, and ask the policy. Unknown tenants and tenants the actor has nothing to do with
 * are indistinguishable: both are "not found". A refused change (403, or 404 for a tenant
 * that exists here) is recorded in the tenant's audit log, at most once a minute per actor and
 * action (modules/audit/server/denied-access.ts).
 */
export async function withTenant<T>(
  actor: Actor,
  tenantSlug: string,
  /** The action asked for; a list means any one of them (the tenant frame opens for any section). */
  action: TenantAction | readonly TenantAction[],
  request: RequestOrigin,
  run: (scope: TenantScope) => Promise<T>,
): Promise<T> {
  if (actor.type !== "user") throw new UnauthenticatedError();
  if (!SLUG.test(tenantSlug)) throw new NotFoundError("No such tenant.", "tenant_not_found");
  const db = await prisma();
  const { entry, role, auditor, lapsedAuditor } = await resolveTenant(actor.userId, tenantSlug);
  if (!entry) throw new NotFoundError("No such tenant.", "tenant_not_found");

  const here = currentRegion().id;
  if (entry.homeRegion !== here) {
    await recordCrossRegionAttempt(db, actor, entry, here, request);
    throw new ResidencyError(entry.homeRegion, regionUrl(entry.homeRegion, request.path));
  }
  if (!entry.tenant) throw new NotFoundError("No such tenant.", "tenant_not_found");

  const tenant: TenantRef = {
    id: entry.id,
    slug: entry.slug,
    name: entry.tenant.name,
    tier: entry.tenant.tier,
    homeRegion: entry.homeRegion,
    organisationId: entry.organisationId,
  };
  const principal = policyPrincipal(actor, role, auditor ?? undefined);
  const resource = tenantResource(tenant);
  const actions: readonly TenantAction[] = typeof action === "string" ? [action] : action;
  const decisions = actions.map((a) => authorize(principal, a, resource));
  const decision = decisions.find((d) => d.allowed) ?? decisions[0] ?? { allowed: false, policies: [] };
  if (!decision.allowed) {
    // Someone with no relation to the tenant is told it does not exist (as for an unknown one).
    const hidden = !role && !actor.providerRole;
    // A refused attempt to change the tenant is evidence for its admins; a refused read is not,
    // but an auditor's is (before the NDA, outside the engagement, after it expired or was revoked).
    const recorded = actions.find(changesState) ?? (auditor || lapsedAuditor ? actions[0] : undefined);
    if (recorded)
      await recordDeniedChange(db, actor, {
        tenantId: tenant.id,
        action: recorded,
        status: hidden ? 404 : 403,
        request,
      });
    if (hidden) throw new NotFoundError("No such tenant.", "tenant_not_found");
    if (decisions.some((d) => d.policies.includes("auditors-accept-the-nda-first")))
      throw new ForbiddenError(
        "Read and accept the tenant's non-disclosure agreement first (GET …/nda, then POST …/nda/accept).",
        "nda_required",
      );
    if (decisions.some((d) => d.policies.includes("auditors-attestations-only")))
      throw new ForbiddenError("Your engagement as an auditor covers the tenant's attestations only.", "out_of_scope");
    throw new ForbiddenError(
      actor.via === "token" && decision.policies.includes("tokens-stay-in-their-tenant")
        ? "This API token is scoped to another tenant."
        : "Your role in this tenant does not allow this.",
    );
  }
  return run({
    db,
    actor,
    tenant,
    role,
    auditor,
    allowed: (candidates) => allowedActions(principal, candidates, resource),
  });
}

export function tenantResource(tenant: TenantRef): PolicyResource {
  return {
    type: "Tenant",
    id: tenant.id,
    region: tenant.homeRegion,
    tier: tenant.tier,
    organisationId: tenant.organisationId,
  };
}

/**
 * The tenant's directory entry and the user's live role in it: once per request (React's
 * request cache), however many layouts, pages and read models of one render ask. Outside a
 * render (API routes, jobs, tests) each call reads afresh. Only the reads are shared: the
 * residency check, the policy decision and the audit of a refusal happen on every call.
 */
const resolveTenant = cache(async (userId: string, tenantSlug: string) => {
  countGate("tenantResolutions");
  const db = await prisma();
  const entry = await db.directoryTenant.findUnique({
    where: { slug: tenantSlug },
    select: {
      id: true,
      slug: true,
      homeRegion: true,
      organisationId: true,
      tenant: { select: { name: true, tier: true } },
    },
  });
  const none = { role: null, auditor: null, lapsedAuditor: false };
  if (!entry || !entry.tenant) return { entry, ...none };
  const membership = await db.membership.findUnique({
    where: { userId_tenantId: { userId, tenantId: entry.id } },
    select: {
      id: true,
      role: true,
      expiresAt: true,
      ndaSha256: true,
      evidenceAccess: true,
      scopeFrom: true,
      scopeTo: true,
    },
  });
  if (!membership) return { entry, ...none };
  if (membership.expiresAt && membership.expiresAt <= new Date())
    return { entry, ...none, lapsedAuditor: membership.role === "auditor" };
  const auditor: AuditorEngagement | null =
    membership.role === "auditor"
      ? {
          membershipId: membership.id,
          ndaAccepted: membership.ndaSha256 !== null,
          // Fail closed: an engagement that does not say full evidence is attestations only.
          access: membership.evidenceAccess === "evidence" ? "evidence" : "attestations",
          scopeFrom: membership.scopeFrom,
          scopeTo: membership.scopeTo,
          expiresAt: membership.expiresAt,
        }
      : null;
  return { entry, role: membership.role, auditor, lapsedAuditor: false };
});

async function recordCrossRegionAttempt(
  db: PrismaClient,
  actor: UserActor,
  entry: { id: string; homeRegion: string },
  here: string,
  request: RequestOrigin,
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.crossRegionAttempt.create({
      data: {
        actorType: actor.via === "token" ? "api_token" : "user",
        actorId: actor.userId,
        tenantId: entry.id,
        fromRegion: here,
        homeRegion: entry.homeRegion,
        surface: request.surface,
        path: request.path.slice(0, 2048),
      },
      select: { id: true },
    });
    await appendAudit(tx, {
      actor,
      tenantId: entry.id,
      action: "residency.cross_region_refused",
      subject: `tenant:${entry.id}`,
      outcome: "denied",
      details: { from_region: here, home_region: entry.homeRegion, surface: request.surface },
    });
  });
}

/** The gate alone: refuses as withTenant does, reads nothing more (a section layout's check). */
export async function tenantGate(
  actor: Actor,
  tenantSlug: string,
  action: TenantAction,
  request: RequestOrigin,
): Promise<void> {
  await withTenant(actor, tenantSlug, action, request, async () => undefined);
}
