import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it } from "vitest";
import { authorize, policyDocuments, type Action } from "@/platform/policy/engine";
import { REGION_NAV, TENANT_NAV } from "@/platform/policy/navigation";
import { TENANT_A, sessionOf } from "../helpers/principals";

const DIR = path.resolve("platform/policy/policies");
const read = (f: string) => readFileSync(path.join(DIR, f), "utf8");
const schema = read("schema.cedarschema");
const policyFiles = readdirSync(DIR)
  .filter((f) => f.endsWith(".cedar"))
  .sort();
const policies = policyFiles.map(read).join("\n");

function validationErrors(policyText: string): string[] {
  const answer = cedar.validate({ schema, policies: { staticPolicies: policyText } });
  if (answer.type === "failure") return answer.errors.map((e) => e.message);
  return answer.validationErrors.map((e) => `${e.policyId}: ${e.error.message}`);
}

describe("the Cedar policy files", () => {
  it("are the documents the product shows, and validate against the schema", () => {
    const shown = policyDocuments().map((d) => d.file);
    expect(shown).toEqual([...policyFiles, "schema.cedarschema"].sort());
    expect(validationErrors(policies)).toEqual([]);
  });

  it("the validator is strict: a policy naming an undeclared action or attribute is rejected", () => {
    const bad = `${policies}\npermit (principal, action == Terrane::Action::"keys.destroy", resource);`;
    expect(validationErrors(bad).length).toBeGreaterThan(0);
    const badAttr = `${policies}\npermit (principal, action == Terrane::Action::"tenant.read", resource is Terrane::Tenant) when { resource.owner == "x" };`;
    expect(validationErrors(badAttr).length).toBeGreaterThan(0);
  });

  it("every policy has a unique @id", () => {
    const ids = [...policies.matchAll(/@id\("([^"]+)"\)/g)].map((m) => m[1]);
    const statements = [...policies.matchAll(/^\s*(permit|forbid)\s*\(/gm)];
    expect(ids).toHaveLength(statements.length);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("every action the navigation asks about is declared in the schema", () => {
    const actions = [...TENANT_NAV, ...REGION_NAV].map((i) => i.action);
    for (const action of actions) expect(schema, action).toContain(`"${action}"`);
  });

  it("an action the schema does not declare is denied rather than erroring", () => {
    const decision = authorize(sessionOf(["customer_admin"]), "tenant.delete" as Action, TENANT_A);
    expect(decision.allowed).toBe(false);
  });
});
