import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it } from "vitest";
import { cedarString, compileSharingPolicy, SHARING_SCHEMA } from "@/modules/sharing/domain/compile";
import { diffContent } from "@/modules/sharing/domain/diff";
import { judgeFlow } from "@/modules/sharing/domain/verdict";
import { forceWindows, versionState } from "@/modules/sharing/domain/windows";
import { countryOf, days, flow, NOW, policyOf, region, version } from "./policy-helpers";

function validates(text: string): string[] {
  const answer = cedar.validate({ schema: SHARING_SCHEMA, policies: { staticPolicies: text } });
  if (answer.type === "failure") return answer.errors.map((e) => e.message);
  return answer.validationErrors.map((e) => e.error.message);
}

describe("compiling decisions to Cedar", () => {
  const allow = version({
    dataClass: "pseudonymised_analytics",
    destination: region("me-central-1"),
    outcome: "allow_pseudonymised",
    window: { from: days(-60), until: days(30), endsBy: "expiry" },
  });
  const aggregates = version({
    dataClass: "aggregated_metrics",
    destination: { kind: "subprocessor", id: "Snowflake Analytics (us-east-1)", location: "us-east-1" },
    outcome: "allow_aggregates",
  });
  const deny = version({
    dataClass: "customer_pii",
    destination: region("us-east-1"),
    outcome: "deny",
    legalBasis: null,
    tiaRef: null,
  });
  const compiled = compileSharingPolicy(
    { slug: "northwind-eu", homeRegion: "eu-central-1" },
    [allow, aggregates, deny],
    7,
  );

  it("one permit per allowing version, one forbid per explicit deny, each with its @id, and the text validates", () => {
    expect(compiled.text.match(/^permit \(/gm)).toHaveLength(2);
    expect(compiled.text.match(/^forbid \(/gm)).toHaveLength(1);
    expect(Object.keys(compiled.policies)).toEqual([
      `decision-${aggregates.decisionId}-v1`,
      `decision-${deny.decisionId}-v1`,
      `decision-${allow.decisionId}-v1`,
    ]);
    for (const id of Object.keys(compiled.policies)) expect(compiled.text).toContain(`@id("${id}")`);
    expect(validates(compiled.text)).toEqual([]);
    expect(compiled.text).toMatch(
      /^\/\/ Sharing policy of tenant northwind-eu \(home region eu-central-1\), revision 7\./,
    );
  });

  it("reads as the decision says: classes, destinations, windows, conditions and references", () => {
    const text = compiled.policies[`decision-${allow.decisionId}-v1`]!;
    expect(text).toContain('principal == TerraneSharing::DataClass::"pseudonymised_analytics"');
    expect(text).toContain('resource == TerraneSharing::Destination::"region:me-central-1"');
    expect(text).toContain(`context.at >= datetime("${days(-60).toISOString()}")`);
    expect(text).toContain(`context.at < datetime("${days(30).toISOString()}")`);
    expect(text).toContain('["pseudonymised", "aggregate"].contains(context.form)');
    expect(text).toMatch(/@legal_basis\("sccs"\)\n@tia_ref\("TIA-1"\)\n@dpa_clause\("DPA §1"\)/);
    expect(compiled.policies[`decision-${aggregates.decisionId}-v1`]).toContain(
      'TerraneSharing::Destination::"subprocessor:snowflake analytics (us-east-1)@us-east-1"',
    );
    expect(compiled.policies[`decision-${aggregates.decisionId}-v1`]).toContain('context.form == "aggregate"');
    expect(compiled.policies[`decision-${deny.decisionId}-v1`]).not.toContain("context.form");
  });

  it("an empty policy says that nothing may leave, and validates", () => {
    const empty = compileSharingPolicy({ slug: "t", homeRegion: "eu-central-1" }, [], 0);
    expect(empty.text).toMatch(/No decision is accepted yet: nothing may leave the region/);
    expect(validates(empty.text)).toEqual([]);
  });

  it("names with quotes, backslashes and braces stay inside their string literals", () => {
    for (const name of [
      'Evil "Corp"',
      "Back\\slash Ltd",
      'x"); permit (principal, action, resource); //',
      "Ünïcødé 株式会社",
    ]) {
      const v = version({ dataClass: "customer_pii", destination: { kind: "partner", id: name, location: "GB" } });
      const policy = policyOf([v]);
      expect(validates(policy.compiled.text), name).toEqual([]);
      expect(policy.compiled.text.match(/^permit \(/gm), name).toHaveLength(1);
      // It matches that partner and nothing else.
      expect(judgeFlow(policy, flow({ to: { kind: "partner", id: name, region: "GB" } }), countryOf).outcome).toBe(
        "allowed",
      );
      expect(judgeFlow(policy, flow({ to: { kind: "partner", id: "other", region: "GB" } }), countryOf).outcome).toBe(
        "violation",
      );
    }
    expect(cedarString("a\u0001b")).toBe('"a\\u{1}b"');
  });
});

describe("when versions are in force", () => {
  const v = (version: number, from: number, accepted: number, to?: number) => ({
    id: `v${version}`,
    version,
    effectiveFrom: days(from),
    acceptedAt: days(accepted),
    effectiveTo: to === undefined ? null : days(to),
  });

  it("a later version supersedes an earlier one only from its own start", () => {
    const w = forceWindows([v(1, -100, -101), v(2, 10, -1)]);
    expect(w.get("v1")).toEqual({ from: days(-100), until: days(10), endsBy: "supersession" });
    expect(w.get("v2")).toEqual({ from: days(10), until: null, endsBy: null });
    expect(versionState("accepted", w.get("v1"), NOW)).toBe("in_force");
    expect(versionState("accepted", w.get("v2"), NOW)).toBe("scheduled");
    expect(versionState("accepted", w.get("v1"), days(11))).toBe("superseded");
  });

  it("acceptance never reaches back: a backdated version starts when accepted", () => {
    const w = forceWindows([v(1, -30, -2)]);
    expect(w.get("v1")!.from).toEqual(days(-2));
  });

  it("expiry, and a version overtaken before it started never comes into force", () => {
    const w = forceWindows([v(1, 5, -1), v(2, 1, -1, 20)]);
    expect(w.get("v1")).toBeNull();
    expect(versionState("accepted", w.get("v1"), days(6))).toBe("superseded");
    expect(versionState("accepted", w.get("v2"), days(21))).toBe("expired");
    expect(versionState("draft", undefined, NOW)).toBe("draft");
  });
});

describe("diffs between versions", () => {
  const base = {
    outcome: "allow_aggregates" as const,
    legalBasis: "sccs" as const,
    tiaRef: "TIA-1",
    dpaClause: "§2",
    effectiveFrom: days(-1),
    effectiveTo: null,
    notes: "",
  };

  it("field by field, before and after, with a readable line each", () => {
    const diff = diffContent(base, { ...base, outcome: "allow_pseudonymised", tiaRef: "TIA-2", notes: "wider" });
    expect(diff.changes).toEqual([
      { field: "outcome", before: "allow_aggregates", after: "allow_pseudonymised" },
      { field: "tia_ref", before: "TIA-1", after: "TIA-2" },
      { field: "notes", before: null, after: "wider" },
    ]);
    expect(diff.summary).toEqual([
      "outcome: allow_aggregates → allow_pseudonymised",
      "tia_ref: TIA-1 → TIA-2",
      "notes: (none) → wider",
    ]);
    expect(diffContent(base, base).changes).toEqual([]);
    expect(diffContent(null, base).changes.map((c) => c.field)).toEqual([
      "outcome",
      "legal_basis",
      "tia_ref",
      "dpa_clause",
      "effective_from",
    ]);
  });
});
