import { describe, expect, it } from "vitest";
import { authorize, type PolicyResource } from "@/platform/policy/engine";
import type { RoleName } from "@/platform/policy/roles";
import { TENANT_A, TENANT_B, UNKNOWN_ROLE, providerTokenOf, sessionOf, tenantTokenOf } from "../helpers/principals";

const contact = (purpose: string, tenantId = TENANT_A.id): PolicyResource => ({
  type: "Contact",
  id: `contact-${purpose}`,
  tenantId,
  purpose,
});
const PURPOSES = ["security", "privacy", "billing", "operations"];

/** Who may read the tenant's contacts at all, and which of them. */
const EXPECTED: Record<string, { tenant: boolean; purposes: string[] }> = {
  customer_admin: { tenant: true, purposes: PURPOSES },
  customer_viewer: { tenant: true, purposes: PURPOSES },
  auditor: { tenant: false, purposes: [] },
  compliance_officer: { tenant: true, purposes: ["security", "privacy"] },
  support_engineer: { tenant: false, purposes: [] },
  provider_admin: { tenant: false, purposes: [] },
  unknown_role: { tenant: false, purposes: [] },
  no_role: { tenant: false, purposes: [] },
};

const rolesFor = (row: string): RoleName[] =>
  row === "no_role" ? [] : row === "unknown_role" ? [UNKNOWN_ROLE] : [row as RoleName];

describe("contacts.read (contacts.cedar)", () => {
  for (const [row, expected] of Object.entries(EXPECTED)) {
    it(`${row}: ${expected.tenant ? `reads ${expected.purposes.join(", ")}` : "reads none"}`, () => {
      const principal = sessionOf(rolesFor(row));
      expect(authorize(principal, "contacts.read", TENANT_A).allowed).toBe(expected.tenant);
      const readable = PURPOSES.filter((p) => authorize(principal, "contacts.read", contact(p)).allowed);
      expect(readable).toEqual(expected.purposes);
    });
  }

  it("a compliance officer's designated-contact rule is exact: no prefix or case games", () => {
    const officer = sessionOf(["compliance_officer"]);
    for (const purpose of ["Security", "security-team", "privacy ", "", "dpo"]) {
      expect(authorize(officer, "contacts.read", contact(purpose)).allowed, JSON.stringify(purpose)).toBe(false);
    }
  });

  it("a token scoped to one tenant reads no contact of another, whatever the holder's role there", () => {
    const token = tenantTokenOf(["customer_admin"], TENANT_B.id);
    expect(authorize(token, "contacts.read", TENANT_A).allowed).toBe(false);
    expect(authorize(token, "contacts.read", contact("security")).allowed).toBe(false);
    expect(authorize(tenantTokenOf(["customer_admin"], TENANT_A.id), "contacts.read", contact("billing")).allowed).toBe(
      true,
    );
  });

  it("a compliance officer's provider token reads the designated contacts as the session does", () => {
    const token = providerTokenOf(["compliance_officer"]);
    expect(authorize(token, "contacts.read", TENANT_A).allowed).toBe(true);
    expect(authorize(token, "contacts.read", contact("privacy")).allowed).toBe(true);
    expect(authorize(token, "contacts.read", contact("billing")).allowed).toBe(false);
  });
});
