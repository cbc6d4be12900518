import { describe, expect, it } from "vitest";
import { OUTCOMES, type FlowForm } from "@/modules/sharing/domain/model";
import { judgeFlow } from "@/modules/sharing/domain/verdict";
import { destinationKey } from "@/modules/sharing/domain/destination";
import { appliedDecisions, explainFlow, list } from "@/modules/lineage/domain/explain";
import { countryOf, flow, policyOf, region, version } from "../sharing/policy-helpers";

/**
 * "Explain" rebuilds how a flow was judged from what the edge stores (outcome, classes, form and
 * the decisions evaluateFlow applied). These tests judge real flows with the sharing engine
 * (compiled Cedar policies), store the answer as lineage stores it, and check that the words say
 * what the engine decided, class by class.
 */

const NAMES: Record<string, string> = {
  customer_pii: "Customer PII",
  business_records: "Business records",
  payment_data: "Payment data",
};
const nameOf = (k: string) => NAMES[k] ?? k;
const PLACE = { from: "eu-central-1", to: "us-east-1", subprocessor: null };

/** What the lineage keeps on an edge for this judgement (modules/lineage/server/decisions.ts). */
function stored(result: ReturnType<typeof judgeFlow>, classes: string[], form: FlowForm | null, crossing = "region") {
  return {
    outcome: result.outcome,
    crossing,
    data_classes: classes,
    form,
    decisions: JSON.parse(JSON.stringify(result.applied)) as unknown,
  };
}

describe("explaining a flow's judgement", () => {
  for (const outcome of OUTCOMES) {
    for (const form of [null, "raw", "pseudonymised", "aggregate"] as const) {
      it(`a ${outcome} decision and a flow ${form ? `of ${form} data` : "with no stated form"}: the words agree with the engine`, () => {
        const v = version({ dataClass: "customer_pii", destination: region("us-east-1"), outcome });
        const policy = policyOf([v]);
        const result = judgeFlow(policy, flow(form ? { form } : {}), countryOf);
        const e = explainFlow(stored(result, ["customer_pii"], form), PLACE, nameOf);
        expect(e.classes).toHaveLength(1);
        const step = e.classes[0]!;
        expect(step.verdict).toBe(result.classes[0]!.outcome);
        // The policy named is the one Cedar holds for the version.
        expect(step.policy).toBe(`decision-${v.decisionId}-v1`);
        expect(Object.keys(policy.compiled.policies)).toContain(step.policy);
        expect(step.hasDecision).toBe(true);
        expect(step.text).toContain("Customer PII");
        expect(step.text).not.toContain("customer_pii");
        expect(step.question).toContain('Destination::"region:us-east-1"');
        if (result.outcome === "violation")
          expect(e.conclusion).toMatch(/Customer PII is not, so the flow is a violation/);
        else if (result.outcome === "allowed_with_condition") expect(e.conclusion).toMatch(/allowed with a condition/);
        else expect(e.conclusion).toMatch(/the flow is allowed/);
        if (outcome === "deny") expect(step.text).toMatch(/forbids Customer PII .* deny/);
      });
    }
  }

  it("no decision for a class: the default deny, named as such, beside the class a decision allows", () => {
    const allowRecords = version({ dataClass: "business_records", destination: region("af-south-1") });
    const policy = policyOf([allowRecords]);
    const classes = ["business_records", "customer_pii"];
    const result = judgeFlow(
      policy,
      flow({ dataClasses: classes, to: { kind: "region", id: "af-south-1" } }),
      countryOf,
    );
    expect(result.outcome).toBe("violation");
    const e = explainFlow(stored(result, classes, null), { ...PLACE, to: "af-south-1" }, nameOf);
    expect(e.steps[0]).toBe(
      "The flow goes from eu-central-1 to af-south-1, another region: a border crossing, so a sharing decision must allow it.",
    );
    expect(e.steps[1]).toMatch(
      /^It carries Business records and Customer PII\. Its destination does not declare a form/,
    );
    const [records, pii] = e.classes;
    expect(records).toMatchObject({ verdict: "allowed", decisionId: allowRecords.decisionId, hasDecision: true });
    expect(records!.text).toMatch(/permits Business records to go to af-south-1/);
    expect(records!.text).toMatch(/standard contractual clauses, DPA DPA §1/);
    expect(pii).toMatchObject({ verdict: "violation", policy: null, decisionId: null, hasDecision: false });
    expect(pii!.text).toBe(
      "No policy permits Customer PII to go to af-south-1, and none forbids it: no decision in force covers it, so Cedar's default deny applies.",
    );
    expect(e.conclusion).toBe(
      "A flow is allowed only if every data class it carries is: Customer PII is not, so the flow is a violation.",
    );
  });

  it("into a subprocessor: the destination is the subprocessor in its place, as decisions name it", () => {
    const destination = { kind: "subprocessor" as const, id: "Snowflake Analytics", location: "us-east-1" };
    const v = version({ dataClass: "payment_data", destination, outcome: "allow_aggregates" });
    const result = judgeFlow(
      policyOf([v]),
      flow({
        dataClasses: ["payment_data"],
        form: "aggregate",
        to: { kind: "subprocessor", id: "Snowflake Analytics", region: "us-east-1" },
      }),
      countryOf,
    );
    expect(result.outcome).toBe("allowed_with_condition");
    const e = explainFlow(
      stored(result, ["payment_data"], "aggregate", "subprocessor"),
      { from: "eu-central-1", to: "us-east-1", subprocessor: "Snowflake Analytics" },
      nameOf,
    );
    expect(e.steps[0]).toMatch(/into the hands of the subprocessor Snowflake Analytics \(in us-east-1\)/);
    expect(e.classes[0]!.question).toContain(`Destination::"${destinationKey(destination)}" as aggregate data?`);
    expect(e.classes[0]!.text).toMatch(
      /only as aggregates; the flow carries aggregated data, which the condition allows/,
    );
  });

  it("flows no decision was asked about say why", () => {
    const unknown = explainFlow(
      { outcome: "unknown_region", crossing: null, data_classes: ["customer_pii"], form: null, decisions: [] },
      { from: "eu-central-1", to: null, subprocessor: null },
    );
    expect(unknown.steps[0]).toMatch(/The region of the destination is unknown/);
    expect(unknown.classes).toEqual([]);
    const stays = explainFlow(
      { outcome: "in_region", crossing: null, data_classes: [], form: null, decisions: [] },
      { from: "eu-central-1", to: "eu-central-1", subprocessor: null },
    );
    expect(stays.steps[0]).toMatch(/stays in eu-central-1: not a border crossing/);
    const unnamed = explainFlow(
      { outcome: "violation", crossing: "region", data_classes: [], form: null, decisions: [] },
      PLACE,
    );
    expect(unnamed.steps[1]).toBe("It names no data class.");
    expect(unnamed.conclusion).toMatch(/names no data class cannot be allowed/);
  });

  it("reads the stored decisions defensively, and lists in words", () => {
    expect(appliedDecisions(null)).toEqual([]);
    expect(appliedDecisions([{ decisionId: "d", dataClass: "x", version: 1, outcome: "maybe" }, 3, null])).toEqual([]);
    expect(appliedDecisions([{ decisionId: "d", dataClass: "x", version: 2, outcome: "allow" }])).toEqual([
      {
        decisionId: "d",
        versionId: "",
        version: 2,
        dataClass: "x",
        outcome: "allow",
        legalBasis: null,
        tiaRef: null,
        dpaClause: null,
      },
    ]);
    expect(list([])).toBe("");
    expect(list(["a"])).toBe("a");
    expect(list(["a", "b", "c"])).toBe("a, b and c");
  });
});
