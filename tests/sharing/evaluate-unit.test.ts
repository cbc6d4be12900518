import { describe, expect, it } from "vitest";
import { LEGAL_BASES, OUTCOMES, type FlowForm, type SharingOutcome } from "@/modules/sharing/domain/model";
import { judgeFlow, type FlowOutcome } from "@/modules/sharing/domain/verdict";
import { countryOf, days, flow, NOW, policyOf, region, version } from "./policy-helpers";

const judge = (versions: Parameters<typeof policyOf>[0], f: Parameters<typeof flow>[0] = {}) =>
  judgeFlow(policyOf(versions), flow(f), countryOf);

// What each outcome makes of a flow, by the form the flow states (absent: not stated).
const EXPECTED: Record<SharingOutcome, Record<FlowForm | "unstated", FlowOutcome>> = {
  deny: { unstated: "violation", raw: "violation", pseudonymised: "violation", aggregate: "violation" },
  allow: { unstated: "allowed", raw: "allowed", pseudonymised: "allowed", aggregate: "allowed" },
  allow_pseudonymised: {
    unstated: "allowed_with_condition",
    raw: "violation",
    pseudonymised: "allowed_with_condition",
    aggregate: "allowed_with_condition",
  },
  allow_aggregates: {
    unstated: "allowed_with_condition",
    raw: "violation",
    pseudonymised: "violation",
    aggregate: "allowed_with_condition",
  },
};

describe("evaluating a flow against compiled decisions", () => {
  for (const outcome of OUTCOMES) {
    for (const basis of outcome === "deny" ? [null] : LEGAL_BASES) {
      it(`${outcome}${basis ? ` on ${basis}` : ""}: the expected outcome for every form, naming the decision`, () => {
        const v = version({ dataClass: "customer_pii", destination: region("us-east-1"), outcome, legalBasis: basis });
        const policy = policyOf([v]);
        for (const form of ["unstated", "raw", "pseudonymised", "aggregate"] as const) {
          const result = judgeFlow(policy, flow(form === "unstated" ? {} : { form }), countryOf);
          expect(result.outcome, `${outcome} ${form}`).toBe(EXPECTED[outcome][form]);
          expect(result.borderCrossing).toBe(true);
          // The decision is named whenever it decided: allowing, conditioning, or denying explicitly.
          expect(result.decisions, `${outcome} ${form}`).toEqual([v.decisionId]);
          if (result.outcome !== "violation")
            expect(result.applied[0]).toMatchObject({ versionId: v.versionId, outcome, legalBasis: basis });
        }
      });
    }
  }

  it("says which condition applies and why a stated form was refused", () => {
    const v = version({ dataClass: "customer_pii", destination: region("us-east-1"), outcome: "allow_aggregates" });
    const conditional = judge([v]);
    expect(conditional.classes[0]).toMatchObject({
      outcome: "allowed_with_condition",
      condition: "aggregate",
      decisionId: v.decisionId,
    });
    expect(conditional.reason).toMatch(/aggregates only/);
    const raw = judge([v], { form: "raw" });
    expect(raw.reason).toMatch(/as aggregates only, by decision d-\d+ .*the flow carries raw data/);
  });

  it("an explicit deny is named as such", () => {
    const v = version({
      dataClass: "customer_pii",
      destination: region("us-east-1"),
      outcome: "deny",
      legalBasis: null,
      tiaRef: null,
    });
    const result = judge([v]);
    expect(result).toMatchObject({ outcome: "violation", decisions: [v.decisionId] });
    expect(result.reason).toMatch(/explicitly denied by decision/);
  });

  it("default deny: no decisions at all, an unlisted class, an unlisted destination", () => {
    expect(judge([])).toMatchObject({ outcome: "violation", decisions: [], borderCrossing: true });
    expect(judge([]).reason).toMatch(/No decision in force allows customer_pii to go to us-east-1: denied by default/);
    const allowPii = version({ dataClass: "customer_pii", destination: region("us-east-1") });
    expect(judge([allowPii], { dataClasses: ["payment_data"] }).outcome).toBe("violation");
    expect(judge([allowPii], { to: { kind: "region", id: "af-south-1" } }).outcome).toBe("violation");
    expect(judge([allowPii], { to: { kind: "partner", id: "us-east-1", region: "us-east-1" } }).outcome).toBe(
      "violation",
    );
  });

  it("effective dates: a version is in force only inside its window", () => {
    const future = version({
      dataClass: "customer_pii",
      destination: region("us-east-1"),
      window: { from: days(1), until: null, endsBy: null },
    });
    const past = version({
      dataClass: "customer_pii",
      destination: region("us-east-1"),
      window: { from: days(-30), until: days(-1), endsBy: "expiry" },
    });
    expect(judge([future]).outcome).toBe("violation");
    expect(judge([future], { at: days(2) }).outcome).toBe("allowed");
    expect(judge([past]).outcome).toBe("violation");
    expect(judge([past], { at: days(-2) }).outcome).toBe("allowed");
    // The boundaries: from is inclusive, until exclusive.
    expect(judge([past], { at: days(-30) }).outcome).toBe("allowed");
    expect(judge([past], { at: days(-1) }).outcome).toBe("violation");
  });

  it("several classes on one flow: allowed only if every class is, the weakest outcome wins", () => {
    const a = version({ dataClass: "aggregated_metrics", destination: region("us-east-1") });
    const p = version({
      dataClass: "pseudonymised_analytics",
      destination: region("us-east-1"),
      outcome: "allow_pseudonymised",
    });
    const both = judge([a, p], { dataClasses: ["aggregated_metrics", "pseudonymised_analytics"] });
    expect(both.outcome).toBe("allowed_with_condition");
    expect(new Set(both.decisions)).toEqual(new Set([a.decisionId, p.decisionId]));
    const withPii = judge([a, p], { dataClasses: ["aggregated_metrics", "customer_pii", "pseudonymised_analytics"] });
    expect(withPii.outcome).toBe("violation");
    expect(withPii.classes.map((c) => c.outcome)).toEqual(["allowed", "violation", "allowed_with_condition"]);
    expect(withPii.reason).toMatch(/customer_pii/);
    expect(withPii.reason).not.toMatch(/aggregated_metrics may go/);
    expect(judge([a], { dataClasses: ["aggregated_metrics", "aggregated_metrics"] }).classes).toHaveLength(1);
  });

  it("same-region flows are not border crossings; a flow without classes across a border is a violation", () => {
    const sameRegion = judge([], { to: { kind: "region", id: "eu-central-1" } });
    expect(sameRegion).toMatchObject({ outcome: "allowed", borderCrossing: false, decisions: [] });
    expect(judge([], { to: { kind: "subprocessor", id: "Local DB Ops", region: "eu-central-1" } }).borderCrossing).toBe(
      false,
    );
    expect(judge([], { to: { kind: "partner", id: "Frankfurt Partner", region: "DE" } }).borderCrossing).toBe(false);
    expect(judge([], { to: { kind: "partner", id: "Paris Partner", region: "FR" } }).outcome).toBe("violation");
    expect(judge([], { to: { kind: "partner", id: "Somewhere" } }).outcome).toBe("violation"); // unknown place: fail closed
    expect(judge([], { dataClasses: [] })).toMatchObject({ outcome: "violation", borderCrossing: true });
  });

  it("subprocessors match by name (any case or spacing) and location; partners by name", () => {
    const snow = version({
      dataClass: "aggregated_metrics",
      destination: { kind: "subprocessor", id: "Snowflake Analytics", location: "us-east-1" },
    });
    const partner = version({
      dataClass: "support_content",
      destination: { kind: "partner", id: "Atlas Freight", location: "GB" },
    });
    const policy = [snow, partner];
    const to = (id: string, where: string) => ({ kind: "subprocessor" as const, id, region: where });
    expect(
      judge(policy, { dataClasses: ["aggregated_metrics"], to: to("snowflake  ANALYTICS", "us-east-1") }).outcome,
    ).toBe("allowed");
    expect(
      judge(policy, { dataClasses: ["aggregated_metrics"], to: to("Snowflake Analytics", "af-south-1") }).outcome,
    ).toBe("violation");
    expect(
      judge(policy, { dataClasses: ["support_content"], to: { kind: "partner", id: "atlas freight", region: "GB" } })
        .outcome,
    ).toBe("allowed");
  });

  it("one loaded policy answers each instant by its own window (remembered answers never leak across a boundary)", () => {
    const v1 = version({
      dataClass: "customer_pii",
      destination: region("us-east-1"),
      outcome: "allow_aggregates",
      window: { from: days(-20), until: days(-5), endsBy: "supersession" },
    });
    const v2 = version({
      dataClass: "customer_pii",
      destination: region("us-east-1"),
      outcome: "allow",
      decisionId: v1.decisionId,
      version: 2,
      window: { from: days(-5), until: days(5), endsBy: "expiry" },
    });
    const policy = policyOf([v1, v2]);
    const at = (n: number, form?: "raw") =>
      judgeFlow(policy, flow({ at: days(n), ...(form ? { form } : {}) }), countryOf);
    for (let round = 0; round < 2; round++) {
      expect(at(-30).outcome).toBe("violation");
      expect(at(-10)).toMatchObject({ outcome: "allowed_with_condition", applied: [{ version: 1 }] });
      expect(at(-10, "raw").outcome).toBe("violation");
      expect(at(-5)).toMatchObject({ outcome: "allowed", applied: [{ version: 2 }] });
      expect(at(-10).outcome).toBe("allowed_with_condition");
      expect(at(4.9, "raw").outcome).toBe("allowed");
      expect(at(5).outcome).toBe("violation");
    }
  });

  it("evaluates at the flow's time, not the clock", () => {
    const v = version({
      dataClass: "customer_pii",
      destination: region("us-east-1"),
      window: { from: new Date(NOW.getTime() - 1), until: null, endsBy: null },
    });
    expect(judge([v], { at: new Date(NOW.getTime() - 2) }).outcome).toBe("violation");
    expect(judge([v]).outcome).toBe("allowed");
  });
});
