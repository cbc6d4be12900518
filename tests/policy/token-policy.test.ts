import { describe, expect, it } from "vitest";
import { authorize, type RegionAction, type TenantAction, type UserAction } from "@/platform/policy/engine";
import type { RoleName } from "@/platform/policy/roles";
import { REGION, TENANT_A, TENANT_B, providerTokenOf, sessionOf, tenantTokenOf } from "../helpers/principals";

const READS: TenantAction[] = ["tenant.read", "map.read", "audit.read"];
const REGION_ACTIONS: RegionAction[] = [
  "region.tenants.read",
  "region.reviews.read",
  "region.integrity.read",
  "region.support.request",
  "region.ingest.manage",
  "region.subprocessors.manage",
];
const TOKEN_ACTIONS: UserAction[] = ["token.list", "token.create", "token.revoke"];
const ALL_ROLES: RoleName[] = [
  "customer_admin",
  "customer_viewer",
  "auditor",
  "compliance_officer",
  "support_engineer",
  "provider_admin",
];

describe("a tenant-scoped API token", () => {
  it("acts on its own tenant exactly as the session would", () => {
    for (const action of [...READS, "keys.manage", "support.approve"] as TenantAction[]) {
      expect(authorize(tenantTokenOf(["customer_admin"], TENANT_A.id), action, TENANT_A).allowed, action).toBe(
        authorize(sessionOf(["customer_admin"]), action, TENANT_A).allowed,
      );
    }
    expect(authorize(tenantTokenOf(["customer_viewer"], TENANT_A.id), "keys.manage", TENANT_A).allowed).toBe(false);
  });

  it("is refused on another tenant, whatever role its holder has there", () => {
    for (const role of ALL_ROLES) {
      for (const action of READS) {
        const decision = authorize(tenantTokenOf([role], TENANT_A.id), action, TENANT_B);
        expect(decision.allowed, `${role} ${action}`).toBe(false);
      }
    }
    const decision = authorize(tenantTokenOf(["customer_admin"], TENANT_A.id), "tenant.read", TENANT_B);
    expect(decision.policies).toContain("tokens-stay-in-their-tenant");
  });

  it("never acts region-wide, even for provider staff", () => {
    for (const role of ["compliance_officer", "support_engineer", "provider_admin"] as RoleName[]) {
      for (const action of REGION_ACTIONS) {
        expect(authorize(tenantTokenOf([role], TENANT_A.id), action, REGION).allowed, `${role} ${action}`).toBe(false);
      }
    }
  });

  it("a token claiming to be a tenant token without a tenant acts nowhere", () => {
    const principal = {
      ...sessionOf(["customer_admin"]),
      via: "token" as const,
      tokenScope: "tenant" as const,
      tokenTenantId: null,
    };
    expect(authorize(principal, "tenant.read", TENANT_A).allowed).toBe(false);
  });
});

describe("a provider token", () => {
  it("acts region-wide within its holder's provider role", () => {
    expect(authorize(providerTokenOf(["provider_admin"]), "region.tenants.read", REGION).allowed).toBe(true);
    expect(authorize(providerTokenOf(["provider_admin"]), "region.ingest.manage", REGION).allowed).toBe(true);
    expect(authorize(providerTokenOf(["provider_admin"]), "region.reviews.read", REGION).allowed).toBe(false);
    expect(authorize(providerTokenOf(["compliance_officer"]), "region.reviews.read", REGION).allowed).toBe(true);
    expect(authorize(providerTokenOf(["support_engineer"]), "region.support.request", REGION).allowed).toBe(true);
  });

  it("grants nothing region-wide to someone who is not provider staff", () => {
    for (const role of ["customer_admin", "customer_viewer", "auditor"] as RoleName[]) {
      for (const action of REGION_ACTIONS) {
        expect(authorize(providerTokenOf([role]), action, REGION).allowed, `${role} ${action}`).toBe(false);
      }
    }
    for (const action of REGION_ACTIONS) expect(authorize(providerTokenOf([]), action, REGION).allowed).toBe(false);
  });

  it("reads tenants as the holder's provider role allows, no more", () => {
    expect(authorize(providerTokenOf(["compliance_officer"]), "decisions.read", TENANT_B).allowed).toBe(true);
    // The customer's keys are the customer's: provider staff neither read nor change them.
    expect(authorize(providerTokenOf(["compliance_officer"]), "keys.read", TENANT_B).allowed).toBe(false);
    expect(authorize(providerTokenOf(["compliance_officer"]), "keys.manage", TENANT_B).allowed).toBe(false);
    expect(authorize(providerTokenOf(["provider_admin"]), "lineage.read", TENANT_B).allowed).toBe(false);
    expect(authorize(providerTokenOf(["support_engineer"]), "tenant.read", TENANT_B).allowed).toBe(false);
  });
});

describe("personal API token management", () => {
  const me = "user-me";
  const other = { type: "User" as const, id: "user-other" };
  const mine = { type: "User" as const, id: me };

  it("everyone, with any role or none, manages their own tokens in a session", () => {
    for (const roles of [...ALL_ROLES.map((r) => [r]), []] as RoleName[][]) {
      for (const action of TOKEN_ACTIONS) {
        expect(authorize(sessionOf(roles, me), action, mine).allowed, `${roles.join()} ${action}`).toBe(true);
      }
    }
  });

  it("nobody but a provider admin touches another user's tokens", () => {
    for (const role of ALL_ROLES.filter((r) => r !== "provider_admin")) {
      for (const action of TOKEN_ACTIONS) {
        expect(authorize(sessionOf([role], me), action, other).allowed, `${role} ${action}`).toBe(false);
      }
    }
  });

  it("a provider admin lists and revokes others' tokens but cannot create tokens for them", () => {
    const admin = sessionOf(["provider_admin"], me);
    expect(authorize(admin, "token.list", other).allowed).toBe(true);
    expect(authorize(admin, "token.revoke", other).allowed).toBe(true);
    expect(authorize(admin, "token.create", other).allowed).toBe(false);
  });

  it("a token cannot mint tokens, not even its holder's own, but can list and revoke them", () => {
    for (const principal of [
      tenantTokenOf(["customer_admin"], TENANT_A.id, me),
      providerTokenOf(["provider_admin"], me),
    ]) {
      const create = authorize(principal, "token.create", mine);
      expect(create.allowed).toBe(false);
      expect(create.policies).toContain("tokens-do-not-mint-tokens");
      expect(authorize(principal, "token.list", mine).allowed).toBe(true);
      expect(authorize(principal, "token.revoke", mine).allowed).toBe(true);
    }
  });
});
