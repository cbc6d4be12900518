/**
 * The residency predicate, version 1: what Terrane attests about one tenant for one period. The
 * zod schema here is the only definition — the issuer parses what it built with it, and the JSON
 * Schema every instance serves (`residencyPredicateJsonSchema`) is generated from it. A change
 * that is not backward compatible is a new version with a new predicate type.
 */
import { z } from "zod";

export const RESIDENCY_PREDICATE_TYPE = "https://terrane.dev/attestation/residency/v1";
/** Where every instance serves the predicate's JSON Schema (relative to its own origin). */
export const RESIDENCY_PREDICATE_SCHEMA_PATH = "/schemas/attestation/residency/v1.json";

const instant = z.iso.datetime({ offset: false }).describe("RFC 3339 instant, UTC");
const sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .describe("SHA-256, lowercase hex");
const region = z.string().min(1).describe("a region id of the registry, e.g. eu-central-1");
const count = z.number().int().nonnegative();

const destination = z.strictObject({
  kind: z.enum(["region", "subprocessor"]),
  id: z.string(),
  region: z.string().nullable().describe("the region (or country) the destination is in"),
});

const decisionRef = z.strictObject({
  id: z.string(),
  version: z.number().int().positive(),
  content_sha256: sha256.describe(
    "decisionContentDigest: RFC 8785 digest of the decision's class, destination and content",
  ),
});

export const EXCEPTION_KINDS = [
  "border_violation",
  "region_unknown",
  "outside_grant_access",
  "break_glass_unreviewed",
  "key_revocation_incomplete",
] as const;

export const verificationSchema = z
  .strictObject({
    verifier: z.strictObject({ id: z.string().describe("terrane:<region>"), version: z.string() }),
    time_verified: instant,
    policy: z
      .strictObject({ uri: z.string(), digest: z.strictObject({ sha256 }) })
      .describe("the sharing decisions in force at the period's end; digest over their RFC 8785 list"),
    result: z.enum(["PASSED", "FAILED"]),
    exceptions: z.array(z.strictObject({ kind: z.enum(EXCEPTION_KINDS), count: count.min(1), detail: z.string() })),
  })
  .describe("modelled on SLSA's Verification Summary Attestation: who checked what against which policy");

export const residencyPredicateSchema = z.strictObject({
  tenant: z.strictObject({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    organisation: z.strictObject({ id: z.string(), name: z.string() }),
    home_region: region,
    tier: z.string(),
  }),
  period: z.strictObject({ from: instant, to: instant, name: z.string() }),
  verification: verificationSchema,
  residency: z.strictObject({
    regions: z.array(
      z.strictObject({
        region,
        tier: z.string().nullable(),
        home: z.boolean(),
        /** Datasets the tenant's lineage placed in this region in the period (absent in attestations issued before it was recorded). */
        datasets: count.optional(),
        stores: z.array(
          z.strictObject({
            id: z.string(),
            name: z.string(),
            engine: z.string(),
            data_classes: z.array(z.string()),
            records: count.nullable(),
            bytes: count.nullable(),
          }),
        ),
      }),
    ),
  }),
  flows: z
    .array(
      z.strictObject({
        from_region: z.string().nullable(),
        to: destination,
        data_classes: z.array(z.string()),
        verdict: z.enum(["allowed", "allowed_with_condition", "violation", "unknown_region"]),
        runs: count,
        first_seen: instant,
        last_seen: instant,
        decisions: z.array(decisionRef),
      }),
    )
    .describe("every border-crossing flow seen in the period, with its verdict and the decisions that allowed it"),
  violations: z.strictObject({
    open: count,
    resolved: count,
    alerts: z.array(
      z.strictObject({
        id: z.string(),
        kind: z.enum(["border_violation", "region_unknown"]),
        status: z.enum(["open", "acknowledged", "resolved"]),
        raised_at: instant,
        resolved_at: instant.nullable(),
        from_region: z.string().nullable(),
        to: destination.nullable(),
        data_classes: z.array(z.string()),
      }),
    ),
  }),
  decisions_in_force: z.array(
    z.strictObject({
      ...decisionRef.shape,
      data_class: z.string(),
      destination,
      outcome: z.string(),
      legal_basis: z.string().nullable(),
      effective_from: instant,
      effective_to: instant.nullable(),
    }),
  ),
  key_custody: z.strictObject({
    keys: z.array(
      z.strictObject({
        id: z.string(),
        alias: z.string(),
        provider: z.string(),
        key_ref: z.string(),
        state_at_end: z.string(),
        versions: count,
        rotations: z.array(
          z.strictObject({ at: instant, from_version: count, to_version: count, trigger: z.string() }),
        ),
        disables: z.array(
          z.strictObject({
            at: instant,
            receipt_sha256: sha256.nullable(),
            receipt_status: z.string().nullable(),
            time_to_revoke_ms: count.nullable(),
          }),
        ),
      }),
    ),
  }),
  support_access: z.strictObject({
    requests: count,
    grants: count,
    accesses_within_grant: count,
    accesses_outside_grant: count,
    break_glass: z.strictObject({ opened: count, reviewed: count }),
  }),
  governance: z
    .strictObject({
      from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      state_as_of: z.string().nullable(),
      records_in_home_region_share: z.number().min(0).max(1).nullable(),
      bytes_in_home_region_share: z.number().min(0).max(1).nullable(),
      key_rotation_coverage: z.number().min(0).max(1).nullable(),
      open_violations: count,
      alerts_raised: count,
      review_items_closed: count,
      time_to_revoke: z.strictObject({ receipts: count, p50_ms: count.nullable(), p99_ms: count.nullable() }),
      accesses_outside_grant: count,
    })
    .optional()
    .describe(
      "the period's governance figures (UTC days), the same the tenant's Governance page shows; absent in attestations issued before they existed",
    ),
  audit_log: z
    .strictObject({
      origin: z.string(),
      tree_size: count,
      root_hash: z.string().describe("base64, as in the signed note"),
      checkpoint: z.string().describe("the signed note (C2SP tlog-checkpoint) covering the period's end"),
    })
    .describe("every entry of the period is in this tree: its inclusion proofs check against this checkpoint"),
});

export type ResidencyPredicate = z.infer<typeof residencyPredicateSchema>;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];
export type VerificationException = ResidencyPredicate["verification"]["exceptions"][number];

/** The JSON Schema of the predicate, as served at RESIDENCY_PREDICATE_SCHEMA_PATH. */
export function residencyPredicateJsonSchema(origin: string): Record<string, unknown> {
  return {
    ...z.toJSONSchema(residencyPredicateSchema, { target: "draft-2020-12" }),
    $id: new URL(RESIDENCY_PREDICATE_SCHEMA_PATH, origin).toString(),
    title: "Terrane residency attestation predicate, v1",
    description: `The predicate of an in-toto Statement v1 whose predicateType is ${RESIDENCY_PREDICATE_TYPE}.`,
  };
}

/**
 * The verdict: FAILED when anything in the period broke residency — a border crossing no
 * decision allowed (or an unknown region), an access outside a grant, a break-glass grant not
 * yet reviewed, a key disable not confirmed by every instance. Each kind is one exception.
 */
export function verdictOf(
  facts: Pick<ResidencyPredicate, "flows" | "violations" | "support_access" | "key_custody">,
): Pick<ResidencyPredicate["verification"], "result" | "exceptions"> {
  const exceptions: VerificationException[] = [];
  const add = (kind: ExceptionKind, n: number, detail: string) => {
    if (n > 0) exceptions.push({ kind, count: n, detail });
  };
  const flows = (v: string) => facts.flows.filter((f) => f.verdict === v).length;
  add("border_violation", flows("violation"), "border-crossing flows no sharing decision allowed");
  add("region_unknown", flows("unknown_region"), "flows to or from a dataset whose region is unknown");
  add(
    "outside_grant_access",
    facts.support_access.accesses_outside_grant,
    "provider accesses to the tenant's data outside any grant",
  );
  add(
    "break_glass_unreviewed",
    facts.support_access.break_glass.opened - facts.support_access.break_glass.reviewed,
    "break-glass grants a compliance officer has not yet reviewed",
  );
  const incomplete = facts.key_custody.keys.flatMap((k) =>
    k.disables.filter((d) => d.receipt_status !== null && d.receipt_status !== "complete"),
  ).length;
  add("key_revocation_incomplete", incomplete, "key disables that not every instance confirmed");
  return { result: exceptions.length === 0 ? "PASSED" : "FAILED", exceptions };
}
