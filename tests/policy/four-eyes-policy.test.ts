import { describe, expect, it } from "vitest";
import { authorize, type PolicyResource } from "@/platform/policy/engine";
import type { RoleName } from "@/platform/policy/roles";
import { TENANT_A, sessionOf, tenantTokenOf } from "../helpers/principals";

const version = (contributors: string[]): PolicyResource => ({
  type: "DecisionVersion",
  id: "version-1",
  tenantId: TENANT_A.id,
  contributors,
});

describe("four eyes on sharing-decision reviews, in the Cedar policy", () => {
  it("a compliance officer reviews a version others wrote, never one they drafted or edited", () => {
    const officer = sessionOf(["compliance_officer"], "officer-1");
    expect(authorize(officer, "decisions.review", version(["author-9"]))).toMatchObject({
      allowed: true,
      policies: ["reviewers-review-versions"],
    });
    expect(authorize(officer, "decisions.review", version(["author-9", "officer-1"]))).toEqual({
      allowed: false,
      policies: ["four-eyes"],
    });
    expect(authorize(officer, "decisions.review", version(["officer-1"]))).toEqual({
      allowed: false,
      policies: ["four-eyes"],
    });
  });

  it("the same holds with an API token scoped to the tenant; a token of another tenant reviews nothing here", () => {
    const token = tenantTokenOf(["compliance_officer"], TENANT_A.id, "officer-1");
    expect(authorize(token, "decisions.review", version(["author-9"])).allowed).toBe(true);
    expect(authorize(token, "decisions.review", version(["officer-1"])).allowed).toBe(false);
    const elsewhere = tenantTokenOf(["compliance_officer"], "tenant-b", "officer-1");
    expect(authorize(elsewhere, "decisions.review", version(["author-9"]))).toEqual({
      allowed: false,
      policies: ["tokens-stay-in-their-tenant-versions"],
    });
  });

  it("nobody else reviews a version, whoever wrote it", () => {
    const others: RoleName[] = ["customer_admin", "customer_viewer", "auditor", "support_engineer", "provider_admin"];
    for (const role of others) {
      expect(authorize(sessionOf([role], "someone"), "decisions.review", version(["author-9"])).allowed, role).toBe(
        false,
      );
    }
    expect(authorize(sessionOf([], "someone"), "decisions.review", version([])).allowed).toBe(false);
  });
});
