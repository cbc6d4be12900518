import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { changesState, TENANT_ACTIONS, type TenantAction } from "@/platform/policy/engine";

const schema = readFileSync(path.resolve("platform/policy/policies/schema.cedarschema"), "utf8");

/** The actions the schema declares on a Tenant resource. */
function schemaTenantActions(): string[] {
  const found: string[] = [];
  for (const m of schema.matchAll(/action\s+((?:"[^"]+"\s*,\s*)*"[^"]+")\s+appliesTo\s*\{([^}]*)\}/g)) {
    const resource = /resource:\s*(\[[^\]]*\]|\w+)/.exec(m[2]!)?.[1] ?? "";
    if (/\bTenant\b/.test(resource)) found.push(...[...m[1]!.matchAll(/"([^"]+)"/g)].map((a) => a[1]!));
  }
  return found.sort();
}

describe("the tenant action registry", () => {
  it("classifies exactly the actions the Cedar schema declares on tenants", () => {
    expect(Object.keys(TENANT_ACTIONS).sort()).toEqual(schemaTenantActions());
  });

  it("says which refusals are recorded: changes are, reads are not", () => {
    const changes = (Object.keys(TENANT_ACTIONS) as TenantAction[]).filter(changesState).sort();
    expect(changes).toEqual([
      "attestations.issue",
      "attestations.review",
      "auditors.manage",
      "data_classes.manage",
      "decisions.accept",
      "decisions.draft",
      "decisions.review",
      "drills.consent.manage",
      "drills.start",
      "engagement.scope.request",
      "keys.manage",
      "nda.accept",
      "subprocessors.object",
      "support.approve",
      "support.break_glass.confirm",
      "support.break_glass.review",
      "support.policy.manage",
      "support.request",
      "webhooks.manage",
    ]);
    for (const read of [
      "tenant.read",
      "keys.read",
      "audit.read",
      "contacts.read",
      "evidence.download",
      "lawful_access.read",
      "reviews.read",
    ] as const)
      expect(changesState(read), read).toBe(false);
  });
});
