import { residencyPredicateSchema, verdictOf, type ResidencyPredicate } from "@/modules/attestations/domain/predicate";

const hex = (seed: number) => seed.toString(16).padStart(2, "0").repeat(32).slice(0, 64);

/**
 * A residency predicate as the issuer would build it for Northwind in November 2026, checked
 * against the schema: one breach (a flow no decision allowed), so the verdict is FAILED. `stores`
 * and `flows` add that many more, to make long tables.
 */
export function residencyPredicateFixture(
  opts: { tenantName?: string; stores?: number; flows?: number } = {},
): ResidencyPredicate {
  const decision = { id: "dec_01JB7Q", version: 2, content_sha256: hex(0xd1) };
  const flows: ResidencyPredicate["flows"] = [
    {
      from_region: "eu-central-1",
      to: { kind: "subprocessor", id: "mailer-inc", region: "US" },
      data_classes: ["customer_contact"],
      verdict: "allowed_with_condition",
      runs: 1240,
      first_seen: "2026-11-02T08:00:00.000Z",
      last_seen: "2026-11-29T17:30:00.000Z",
      decisions: [decision],
    },
    {
      from_region: "eu-central-1",
      to: { kind: "region", id: "us-east-1", region: "us-east-1" },
      data_classes: ["customer_pii", "payment"],
      verdict: "violation",
      runs: 3,
      first_seen: "2026-11-14T10:12:00.000Z",
      last_seen: "2026-11-14T10:40:00.000Z",
      decisions: [],
    },
    ...Array.from({ length: opts.flows ?? 0 }, (_, i) => ({
      from_region: "eu-central-1",
      to: { kind: "region" as const, id: "me-central-1", region: "me-central-1" },
      data_classes: ["telemetry", `batch_${i}`],
      verdict: "allowed" as const,
      runs: i + 1,
      first_seen: "2026-11-03T00:00:00.000Z",
      last_seen: "2026-11-28T00:00:00.000Z",
      decisions: [{ id: `dec_bulk_${i}`, version: 1, content_sha256: hex(i % 256) }],
    })),
  ];
  const keyCustody: ResidencyPredicate["key_custody"] = {
    keys: [
      {
        id: "key_01JB8K",
        alias: "primary",
        provider: "pkcs11",
        key_ref: "pkcs11:token=terrane-eu;object=northwind-eu-primary",
        state_at_end: "enabled",
        versions: 3,
        rotations: [{ at: "2026-11-10T02:00:00.000Z", from_version: 2, to_version: 3, trigger: "schedule" }],
        disables: [
          {
            at: "2026-11-20T09:00:00.000Z",
            receipt_sha256: hex(0xab),
            receipt_status: "complete",
            time_to_revoke_ms: 1840,
          },
        ],
      },
    ],
  };
  const supportAccess: ResidencyPredicate["support_access"] = {
    requests: 4,
    grants: 3,
    accesses_within_grant: 17,
    accesses_outside_grant: 0,
    break_glass: { opened: 1, reviewed: 1 },
  };
  const violations: ResidencyPredicate["violations"] = {
    open: 1,
    resolved: 1,
    alerts: [
      {
        id: "alert_01JBA1",
        kind: "border_violation",
        status: "open",
        raised_at: "2026-11-14T10:13:00.000Z",
        resolved_at: null,
        from_region: "eu-central-1",
        to: { kind: "region", id: "us-east-1", region: "us-east-1" },
        data_classes: ["customer_pii", "payment"],
      },
      {
        id: "alert_01JB9Z",
        kind: "region_unknown",
        status: "resolved",
        raised_at: "2026-10-30T07:00:00.000Z",
        resolved_at: "2026-11-02T11:00:00.000Z",
        from_region: null,
        to: null,
        data_classes: ["telemetry"],
      },
    ],
  };
  return residencyPredicateSchema.parse({
    tenant: {
      id: "ten_01JB6N",
      slug: "northwind-eu",
      name: opts.tenantName ?? "Northwind Traders EU",
      organisation: { id: "org_01JB6M", name: "Northwind Traders" },
      home_region: "eu-central-1",
      tier: "managed",
    },
    period: { from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z", name: "2026-11" },
    verification: {
      verifier: { id: "terrane:eu-central-1", version: "0.1.0" },
      time_verified: "2026-12-01T00:30:02.418Z",
      policy: {
        uri: "terrane:eu-central-1:tenants/northwind-eu/decisions@2026-12-01T00:00:00.000Z",
        digest: { sha256: hex(0xc3) },
      },
      ...verdictOf({ flows, violations, support_access: supportAccess, key_custody: keyCustody }),
    },
    residency: {
      regions: [
        {
          region: "eu-central-1",
          tier: "managed",
          home: true,
          stores: [
            {
              id: "store_orders",
              name: "orders-db",
              engine: "postgres",
              data_classes: ["customer_pii", "payment"],
              records: 1_284_112,
              bytes: 7_340_032_000,
            },
            ...Array.from({ length: opts.stores ?? 0 }, (_, i) => ({
              id: `store_${i}`,
              name: `analytics-shard-${i}`,
              engine: "clickhouse",
              data_classes: ["telemetry"],
              records: i * 1000,
              bytes: null,
            })),
          ],
        },
        {
          region: "me-central-1",
          tier: "sovereign",
          home: false,
          stores: [
            {
              id: "store_telemetry",
              name: "telemetry",
              engine: "s3",
              data_classes: ["telemetry"],
              records: null,
              bytes: 52_428_800,
            },
          ],
        },
      ],
    },
    flows,
    violations,
    decisions_in_force: [
      {
        ...decision,
        data_class: "customer_contact",
        destination: { kind: "subprocessor", id: "mailer-inc", region: "US" },
        outcome: "allowed_with_condition",
        legal_basis: "GDPR art. 46(2)(c) standard contractual clauses",
        effective_from: "2026-06-01T00:00:00.000Z",
        effective_to: null,
      },
    ],
    key_custody: keyCustody,
    support_access: supportAccess,
    audit_log: {
      origin: "terrane.example/eu-central-1",
      tree_size: 48213,
      root_hash: "q1Yk2pJXo0E8b9yZbQ3c6m2vA9o3+e1pR8oJt7Zl1uE=",
      checkpoint:
        "terrane.example/eu-central-1\n48213\nq1Yk2pJXo0E8b9yZbQ3c6m2vA9o3+e1pR8oJt7Zl1uE=\n\n— terrane.example/eu-central-1 Az3n8nA7b9Xx0Qk=\n",
    },
  });
}
