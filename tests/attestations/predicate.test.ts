import { describe, expect, it } from "vitest";
import {
  residencyPredicateJsonSchema,
  residencyPredicateSchema,
  RESIDENCY_PREDICATE_SCHEMA_PATH,
  verdictOf,
  type ResidencyPredicate,
} from "@/modules/attestations/domain/predicate";

const facts = (over: Partial<Pick<ResidencyPredicate, "flows" | "support_access" | "key_custody">> = {}) => ({
  flows: [],
  violations: { open: 0, resolved: 0, alerts: [] },
  support_access: {
    requests: 2,
    grants: 1,
    accesses_within_grant: 5,
    accesses_outside_grant: 0,
    break_glass: { opened: 1, reviewed: 1 },
  },
  key_custody: { keys: [] },
  ...over,
});

const flow = (verdict: ResidencyPredicate["flows"][number]["verdict"]) => ({
  from_region: "eu-central-1",
  to: { kind: "region" as const, id: "us-east-1", region: "us-east-1" },
  data_classes: ["customer_pii"],
  verdict,
  runs: 3,
  first_seen: "2026-11-02T00:00:00.000Z",
  last_seen: "2026-11-03T00:00:00.000Z",
  decisions: [],
});

describe("the residency predicate's verdict", () => {
  it("passes when nothing in the period broke residency", () => {
    expect(verdictOf(facts({ flows: [flow("allowed"), flow("allowed_with_condition")] }))).toEqual({
      result: "PASSED",
      exceptions: [],
    });
  });

  it("fails with one exception per kind of breach, counted", () => {
    const verdict = verdictOf(
      facts({
        flows: [flow("violation"), flow("violation"), flow("unknown_region"), flow("allowed")],
        support_access: {
          requests: 1,
          grants: 1,
          accesses_within_grant: 1,
          accesses_outside_grant: 4,
          break_glass: { opened: 2, reviewed: 1 },
        },
        key_custody: {
          keys: [
            {
              id: "k",
              alias: "primary",
              provider: "local",
              key_ref: "ref",
              state_at_end: "enabled",
              versions: 2,
              rotations: [],
              disables: [
                {
                  at: "2026-11-05T00:00:00.000Z",
                  receipt_sha256: null,
                  receipt_status: "incomplete",
                  time_to_revoke_ms: null,
                },
                {
                  at: "2026-11-06T00:00:00.000Z",
                  receipt_sha256: "a".repeat(64),
                  receipt_status: "complete",
                  time_to_revoke_ms: 40,
                },
              ],
            },
          ],
        },
      }),
    );
    expect(verdict.result).toBe("FAILED");
    expect(verdict.exceptions.map((e) => [e.kind, e.count])).toEqual([
      ["border_violation", 2],
      ["region_unknown", 1],
      ["outside_grant_access", 4],
      ["break_glass_unreviewed", 1],
      ["key_revocation_incomplete", 1],
    ]);
  });
});

describe("the predicate's JSON Schema", () => {
  it("is generated from the schema the issuer parses with, and names where it is served", () => {
    const schema = residencyPredicateJsonSchema("https://eu.terrane.example");
    expect(schema.$id).toBe(`https://eu.terrane.example${RESIDENCY_PREDICATE_SCHEMA_PATH}`);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.required).toEqual(
      expect.arrayContaining([
        "tenant",
        "period",
        "verification",
        "flows",
        "key_custody",
        "support_access",
        "audit_log",
      ]),
    );
    expect(schema.additionalProperties).toBe(false);
  });

  it("refuses a predicate with a field it does not define", () => {
    const result = residencyPredicateSchema.safeParse({ tenant: {}, extra: true });
    expect(result.success).toBe(false);
  });
});
