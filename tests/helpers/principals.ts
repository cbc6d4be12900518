import type { AuditorFacts, PolicyPrincipal, PolicyResource } from "@/platform/policy/engine";
import type { RoleName } from "@/platform/policy/roles";

export const TENANT_A: PolicyResource & { type: "Tenant" } = {
  type: "Tenant",
  id: "tenant-a",
  region: "eu-central-1",
  tier: "managed",
  organisationId: "org-a",
};

export const TENANT_B: PolicyResource & { type: "Tenant" } = {
  type: "Tenant",
  id: "tenant-b",
  region: "eu-central-1",
  tier: "sovereign",
  organisationId: "org-b",
};

export const REGION: PolicyResource = { type: "Region", id: "eu-central-1" };

/** A role name the product does not know: the policies must deny it everything. */
export const UNKNOWN_ROLE = "janitor" as RoleName;

/** An auditor in these tests has accepted the NDA and reads full evidence, unless a test says otherwise. */
export const ENGAGED_AUDITOR: AuditorFacts = { ndaAccepted: true, access: "evidence" };

export function sessionOf(roles: RoleName[], userId = "user-1", auditor = ENGAGED_AUDITOR): PolicyPrincipal {
  return {
    userId,
    email: `${userId}@example.test`,
    roles,
    via: "session",
    tokenScope: null,
    tokenTenantId: null,
    ...(roles.includes("auditor") ? { auditor } : {}),
  };
}

export function tenantTokenOf(roles: RoleName[], tokenTenantId: string, userId = "user-1"): PolicyPrincipal {
  return { ...sessionOf(roles, userId), via: "token", tokenScope: "tenant", tokenTenantId };
}

export function providerTokenOf(roles: RoleName[], userId = "user-1"): PolicyPrincipal {
  return { ...sessionOf(roles, userId), via: "token", tokenScope: "provider", tokenTenantId: null };
}
