import { describe, expect, it } from "vitest";
import type { UserActor } from "@/platform/auth/actor";
import { authorize, type AuditorFacts, type TenantAction } from "@/platform/policy/engine";
import { TENANT_NAV, tenantNavigation } from "@/platform/policy/navigation";
import type { ProviderRoleName, RoleName, TenantRoleName } from "@/platform/policy/roles";
import { ENGAGED_AUDITOR, TENANT_A, UNKNOWN_ROLE, sessionOf } from "../helpers/principals";

const ACTIONS: TenantAction[] = [
  "tenant.read",
  "map.read",
  "lineage.read",
  "keys.read",
  "keys.manage",
  "decisions.read",
  "decisions.accept",
  "subprocessors.read",
  "attestations.read",
  "evidence.download",
  "support.read",
  "support.approve",
  "support.requests.read",
  "audit.read",
  "webhooks.read",
  "webhooks.manage",
  "auditors.read",
  "auditors.manage",
  "nda.accept",
  "engagement.scope.request",
  "governance.read",
];

// The expected matrix, written out: Y = allowed, . = denied. Column order is ACTIONS above.
// "auditor" has accepted the NDA and reads full evidence; the two rows after it have not, or read attestations only.
//                 tenant map lineage keys keys.m dec dec.acc subp att evid sup sup.appr reqs audit wh wh.m aud aud.m nda scope gov
const MATRIX: Record<string, string> = {
  customer_admin:
    /*          */ "Y    Y   Y       Y    Y      Y   Y       Y    Y   Y    Y   Y        Y    Y   Y      Y    Y   Y     .     .     Y",
  customer_viewer:
    /*          */ "Y    Y   Y       Y    .      Y   .       Y    Y   Y    Y   .        Y    Y   .      .    .   .     .     .     Y",
  auditor:
    /*          */ "Y    Y   .       Y    .      .   .       Y    Y   Y    .   .        .    Y   .      .    .   .     Y     Y     Y",
  auditor_before_nda:
    /*          */ ".    .   .       .    .      .   .       .    .   .    .   .        .    .   .      .    .   .     Y     .     .",
  auditor_attestations_only:
    /*          */ ".    .   .       .    .      .   .       .    Y   .    .   .        .    .   .      .    .   .     Y     Y     .",
  compliance_officer:
    /*          */ "Y    Y   Y       .    .      Y   .       Y    Y   .    Y   .        Y    Y   .      .    Y   Y     .     .     Y",
  support_engineer:
    /*          */ ".    .   .       .    .      .   .       .    .   .    .   .        Y    .   .      .    .   .     .     .     .",
  provider_admin:
    /*          */ "Y    .   .       .    .      .   .       Y    .   .    .   .        Y    .   .      .    .   .     .     .     .",
  unknown_role:
    /*          */ ".    .   .       .    .      .   .       .    .   .    .   .        .    .   .      .    .   .     .     .     .",
  no_role:
    /*          */ ".    .   .       .    .      .   .       .    .   .    .   .        .    .   .      .    .   .     .     .     .",
};

const AUDITOR_FACTS: Record<string, AuditorFacts> = {
  auditor_before_nda: { ndaAccepted: false, access: "evidence" },
  auditor_attestations_only: { ndaAccepted: true, access: "attestations" },
};

function principalFor(row: string) {
  return AUDITOR_FACTS[row] ? sessionOf(["auditor"], "user-1", AUDITOR_FACTS[row]) : sessionOf(rolesFor(row));
}

function rolesFor(row: string): RoleName[] {
  if (row === "no_role") return [];
  if (row === "unknown_role") return [UNKNOWN_ROLE];
  return [row as RoleName];
}

function expected(row: string): Record<TenantAction, boolean> {
  const cells = MATRIX[row]!.trim().split(/\s+/);
  expect(cells).toHaveLength(ACTIONS.length);
  return Object.fromEntries(ACTIONS.map((a, i) => [a, cells[i] === "Y"])) as Record<TenantAction, boolean>;
}

describe("tenant policy matrix (browser session)", () => {
  for (const row of Object.keys(MATRIX)) {
    it(`${row}: exactly the expected tenant actions`, () => {
      const principal = principalFor(row);
      const actual = Object.fromEntries(ACTIONS.map((a) => [a, authorize(principal, a, TENANT_A).allowed]));
      expect(actual).toEqual(expected(row));
    });
  }

  it("a customer viewer who is also a provider admin gets the union of both roles, nothing more", () => {
    const principal = sessionOf(["customer_viewer", "provider_admin"]);
    for (const action of ACTIONS) {
      const either = expected("customer_viewer")[action] || expected("provider_admin")[action];
      expect(authorize(principal, action, TENANT_A).allowed, action).toBe(either);
    }
  });

  it("names the policy that allowed a decision", () => {
    expect(authorize(sessionOf(["customer_admin"]), "keys.manage", TENANT_A).policies).toEqual([
      "tenant-admins-manage",
    ]);
    expect(authorize(sessionOf(["auditor"]), "keys.manage", TENANT_A)).toEqual({ allowed: false, policies: [] });
  });

  it("names the NDA and the engagement's reach when they refuse an auditor (the API's nda_required and out_of_scope)", () => {
    expect(authorize(principalFor("auditor_before_nda"), "attestations.read", TENANT_A).policies).toEqual([
      "auditors-accept-the-nda-first",
    ]);
    expect(authorize(principalFor("auditor_attestations_only"), "audit.read", TENANT_A).policies).toEqual([
      "auditors-attestations-only",
    ]);
  });

  it("refuses an auditor whose engagement the caller did not load (fail closed)", () => {
    const bare = { ...sessionOf(["auditor"]), auditor: undefined };
    for (const action of ACTIONS)
      expect(authorize(bare, action, TENANT_A).allowed, action).toBe(action === "nda.accept");
  });
});

describe("tenant navigation follows the same policies", () => {
  const tenant = {
    id: TENANT_A.id,
    homeRegion: TENANT_A.region,
    tier: TENANT_A.tier,
    organisationId: TENANT_A.organisationId,
  };
  function actor(providerRole: ProviderRoleName | null): UserActor {
    return {
      type: "user",
      userId: "user-1",
      email: "user-1@example.test",
      name: "User",
      providerRole,
      employer: null,
      officeCountry: null,
      via: "session",
      tokenId: null,
      tokenTenantId: null,
    };
  }
  const cases: [string, ProviderRoleName | null, TenantRoleName | null][] = [
    ["customer_admin", null, "customer_admin"],
    ["customer_viewer", null, "customer_viewer"],
    ["auditor", null, "auditor"],
    ["auditor_before_nda", null, "auditor"],
    ["auditor_attestations_only", null, "auditor"],
    ["compliance_officer", "compliance_officer", null],
    ["support_engineer", "support_engineer", null],
    ["provider_admin", "provider_admin", null],
    ["no_role", null, null],
  ];
  for (const [row, providerRole, tenantRole] of cases) {
    it(`${row} sees exactly the sections the matrix allows`, () => {
      const allowed = expected(row);
      const facts = AUDITOR_FACTS[row] ?? (tenantRole === "auditor" ? ENGAGED_AUDITOR : undefined);
      const keys = tenantNavigation(actor(providerRole), tenantRole, tenant, facts).map((i) => i.key);
      expect(keys).toEqual(TENANT_NAV.filter((i) => allowed[i.action]).map((i) => i.key));
    });
  }
});
