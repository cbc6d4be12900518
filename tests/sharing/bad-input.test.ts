import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { stableId } from "@/prisma/seed/world";
import { DATABASE_KINDS } from "../helpers/databases";
import { expectProblem } from "../helpers/http";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { callSharing, newDecisionBody, sharingRoute, sharingTotals, type CallOptions } from "./routes";

const SLUG = "northwind-eu";
const TENANT = stableId("tenant", SLUG);
const valid = newDecisionBody("employee_data");

type Case = [
  what: string,
  route: string,
  options: Omit<CallOptions, "token"> & { decision?: string },
  status: number,
  code: string,
  detail?: RegExp,
];

// Each case is refused with the status and code, as a problem document, and changes nothing.
const CASES: Case[] = [
  // data classes
  [
    "upper-case key",
    "create data class",
    { body: { key: "Customer", name: "x", sensitivity: "public" } },
    400,
    "invalid_body",
    /key: must be a data class key/,
  ],
  [
    "one-letter key",
    "create data class",
    { body: { key: "a", name: "x", sensitivity: "public" } },
    400,
    "invalid_body",
  ],
  [
    "key starting with a digit",
    "create data class",
    { body: { key: "1pii", name: "x", sensitivity: "public" } },
    400,
    "invalid_body",
  ],
  [
    "64-character key",
    "create data class",
    { body: { key: `a${"b".repeat(63)}`, name: "x", sensitivity: "public" } },
    400,
    "invalid_body",
  ],
  [
    "unknown sensitivity",
    "create data class",
    { body: { key: "abc", name: "x", sensitivity: "secret" } },
    400,
    "invalid_body",
  ],
  ["no name", "create data class", { body: { key: "abc", sensitivity: "public" } }, 400, "invalid_body"],
  [
    "blank name",
    "create data class",
    { body: { key: "abc", name: "   ", sensitivity: "public" } },
    400,
    "invalid_body",
  ],
  [
    "extra field",
    "create data class",
    { body: { key: "abc", name: "x", sensitivity: "public", tenant_id: "x" } },
    400,
    "invalid_body",
  ],
  [
    "a catalogue key",
    "create data class",
    { body: { key: "customer_pii", name: "x", sensitivity: "public" } },
    409,
    "data_class_exists",
    /default catalogue/,
  ],
  [
    "not JSON",
    "create data class",
    { text: "key=abc", headers: { "content-type": "application/x-www-form-urlencoded" } },
    415,
    "unsupported_media_type",
  ],
  ["malformed JSON", "create data class", { text: '{"key":' }, 400, "malformed_json"],
  [
    "a body too large",
    "create data class",
    { text: JSON.stringify({ key: "abc", name: "x".repeat(70_000), sensitivity: "public" }) },
    413,
    "payload_too_large",
  ],
  // listing
  ["an unknown format", "list decisions", { query: "?format=xml" }, 400, "invalid_query"],
  ["an unknown status", "list decisions", { query: "?status=approvedish" }, 400, "invalid_query"],
  ["an unknown query parameter", "list decisions", { query: "?limit=5" }, 400, "invalid_query"],
  ["a malformed time", "matrix", { query: "?at=yesterday" }, 400, "invalid_query"],
  ["a time in another century", "matrix", { query: "?at=1900-01-01T00:00:00Z" }, 400, "invalid_query"],
  // creating decisions
  [
    "an unknown data class",
    "create decision",
    { body: { ...valid, data_class: "no_such_class" } },
    400,
    "unknown_data_class",
  ],
  [
    "an unknown region",
    "create decision",
    { body: { ...valid, destination: { kind: "region", id: "xx-nowhere-9" } } },
    400,
    "unknown_region",
  ],
  [
    "the home region",
    "create decision",
    { body: { ...valid, destination: { kind: "region", id: "eu-central-1" } } },
    400,
    "home_region_destination",
  ],
  [
    "a subprocessor without location",
    "create decision",
    { body: { ...valid, destination: { kind: "subprocessor", id: "Acme" } } },
    400,
    "invalid_body",
  ],
  [
    "a subprocessor in an unknown region",
    "create decision",
    { body: { ...valid, destination: { kind: "subprocessor", id: "Acme", location: "zz-moon-1" } } },
    400,
    "unknown_region",
  ],
  [
    "an unknown destination kind",
    "create decision",
    { body: { ...valid, destination: { kind: "planet", id: "Mars" } } },
    400,
    "invalid_body",
  ],
  [
    "a name with a newline",
    "create decision",
    { body: { ...valid, destination: { kind: "partner", id: "Acme\nEvil" } } },
    400,
    "invalid_body",
  ],
  [
    "an allow without legal basis",
    "create decision",
    { body: { ...valid, legal_basis: null } },
    400,
    "invalid_decision",
    /legal_basis: required/,
  ],
  [
    "a deny with a legal basis",
    "create decision",
    { body: { ...valid, outcome: "deny" } },
    400,
    "invalid_decision",
    /a deny transfers nothing/,
  ],
  ["SCCs without a TIA", "create decision", { body: { ...valid, tia_ref: null } }, 400, "invalid_decision", /tia_ref/],
  ["an unknown legal basis", "create decision", { body: { ...valid, legal_basis: "vibes" } }, 400, "invalid_body"],
  ["an unknown outcome", "create decision", { body: { ...valid, outcome: "allow_some" } }, 400, "invalid_body"],
  [
    "effective_to before effective_from",
    "create decision",
    { body: { ...valid, effective_to: "2025-12-31T00:00:00Z" } },
    400,
    "invalid_decision",
    /effective_to: must be after/,
  ],
  [
    "a date without offset",
    "create decision",
    { body: { ...valid, effective_from: "2026-01-01T00:00:00" } },
    400,
    "invalid_body",
  ],
  ["no effective_from", "create decision", { body: { ...valid, effective_from: undefined } }, 400, "invalid_body"],
  ["notes too long", "create decision", { body: { ...valid, notes: "x".repeat(4001) } }, 400, "invalid_body"],
  ["an existing decision", "create decision", { body: newDecisionBody("customer_pii") }, 409, "decision_exists"],
  // one decision
  [
    "an unknown decision",
    "get decision",
    { decision: "00000000-0000-4000-a000-000000000000" },
    404,
    "decision_not_found",
  ],
  ["an overlong id", "get decision", { decision: "x".repeat(65) }, 400, "invalid_path"],
  ["an empty edit", "edit decision", { body: {} }, 400, "invalid_body", /at least one field/],
  ["an edit of an unknown field", "edit decision", { body: { status: "accepted" } }, 400, "invalid_body"],
  ["an edit that breaks the rules", "edit decision", { body: { legal_basis: null } }, 400, "invalid_decision"],
  [
    "an edit of an unknown decision",
    "edit decision",
    { body: { notes: "x" }, decision: "00000000-0000-4000-a000-000000000000" },
    404,
    "decision_not_found",
  ],
  [
    "an edit with a malformed content digest",
    "edit decision",
    { body: { notes: "x" }, query: "?content_digest=zz" },
    400,
    "invalid_query",
  ],
  [
    "an edit made from other content",
    "edit decision",
    { body: { notes: "x" }, query: `?content_digest=${"1".repeat(64)}` },
    409,
    "decision_changed",
  ],
  ["a review rejection without reason", "reject review", { body: {} }, 400, "invalid_body"],
  ["a blank reason", "reject", { body: { reason: "  " } }, 400, "invalid_body"],
  [
    "a step on an unknown decision",
    "submit",
    { decision: "00000000-0000-4000-a000-000000000000" },
    404,
    "decision_not_found",
  ],
  [
    "a malformed content digest",
    "submit",
    { query: "?content_digest=abc" },
    400,
    "invalid_query",
    /content_digest: must be the version's content_digest/,
  ],
  ["an upper-case content digest", "accept", { query: `?content_digest=${"A".repeat(64)}` }, 400, "invalid_query"],
  ["an unknown step parameter", "reject", { query: "?force=true", body: { reason: "x" } }, 400, "invalid_query"],
  [
    "a content digest of other content",
    "accept",
    { query: `?content_digest=${"0".repeat(64)}` },
    409,
    "decision_changed",
    /has changed since it was shown to you/,
  ],
];

// Who calls each route: someone allowed to, so only the input is wrong.
const CALLER: Record<string, string> = {
  approve: EU.compliance2,
  "reject review": EU.compliance2,
  accept: EU.northwindAdmin,
  reject: EU.northwindAdmin,
};

describe.each(DATABASE_KINDS)("sharing APIs refuse bad input on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1", { decisions: true });
  let draftId: string;
  let approvedId: string;

  beforeAll(async () => {
    // The seeded draft, and a decision awaiting acceptance (for reject).
    draftId = (
      await world.prisma.sharingDecisionVersion.findFirstOrThrow({
        where: { tenantId: TENANT, status: "draft" },
        select: { decisionId: true },
      })
    ).decisionId;
    approvedId = (
      await world.prisma.sharingDecisionVersion.findFirstOrThrow({
        where: { tenantId: TENANT, status: "in_review" },
        select: { decisionId: true },
      })
    ).decisionId;
    await world.prisma.sharingDecisionVersion.updateMany({
      where: { decisionId: approvedId, status: "in_review" },
      data: { status: "approved" },
    });
    // A tenant class, so its key is taken too.
    await world.prisma.dataClass.create({
      data: {
        tenantId: TENANT,
        key: "fleet_telemetry",
        name: "Fleet telemetry",
        description: "",
        sensitivity: "confidential",
      },
    });
  });

  for (const [what, name, options, status, code, detail] of CASES) {
    it(`${name}: ${what} → ${status} ${code}`, async () => {
      const before = await sharingTotals(world.prisma);
      const decision =
        options.decision ?? (["reject", "reject review", "accept"].includes(name) ? approvedId : draftId);
      const token = world.token(CALLER[name] ?? EU.northwindAdmin);
      const problem = await expectProblem(
        await callSharing(sharingRoute(name), SLUG, decision, { ...options, token }),
        status,
        code,
      );
      if (detail) expect(problem.detail).toMatch(detail);
      expect(await sharingTotals(world.prisma)).toEqual(before);
    });
  }

  it("a tenant's own class key is taken too", async () => {
    const before = await sharingTotals(world.prisma);
    const body = { key: "fleet_telemetry", name: "Again", sensitivity: "public" };
    const problem = await expectProblem(
      await callSharing(sharingRoute("create data class"), SLUG, "", { token: world.token(EU.compliance), body }),
      409,
      "data_class_exists",
    );
    expect(problem.detail).toMatch(/this tenant/);
    expect(await sharingTotals(world.prisma)).toEqual(before);
  });

  it("the same key is free in another tenant", async () => {
    const res = await callSharing(sharingRoute("create data class"), "kestrel-eu", "", {
      token: world.token(EU.kestrelAdmin),
      body: { key: "fleet_telemetry", name: "Fleet", sensitivity: "public" },
    });
    expect(res.status).toBe(201);
  });

  it("generated garbage bodies are refused with a 4xx problem, never a 500, and change nothing", async () => {
    const before = await sharingTotals(world.prisma);
    const token = world.token(EU.northwindAdmin);
    const garbage = fc.oneof(
      fc.json(),
      fc.record(
        { data_class: fc.string(), destination: fc.anything(), outcome: fc.string(), effective_from: fc.string() },
        { requiredKeys: [] },
      ),
      fc
        .record({
          ...Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, fc.constantFrom(v, null, 7, "", [], {})])),
        })
        .map((b) => JSON.stringify(b)),
    );
    await fc.assert(
      fc.asyncProperty(
        garbage,
        fc.constantFrom("create decision", "edit decision", "create data class", "reject"),
        async (body, name) => {
          const text = typeof body === "string" ? body : JSON.stringify(body);
          const res = await callSharing(sharingRoute(name), SLUG, name === "reject" ? approvedId : draftId, {
            token,
            text,
          });
          // A body that happens to be valid for an edit may succeed; anything else is a clear 4xx.
          if (res.status < 300) return;
          expect(res.status, text).toBeGreaterThanOrEqual(400);
          expect(res.status, text).toBeLessThan(500);
          expect(res.headers.get("content-type")).toBe("application/problem+json");
        },
      ),
      { numRuns: 60 },
    );
    const after = await sharingTotals(world.prisma);
    // Only valid edits of the draft may have changed it (an edit event and audit entry each).
    expect({ decisions: after.decisions, versions: after.versions, classes: after.classes }).toEqual({
      decisions: before.decisions,
      versions: before.versions,
      classes: before.classes,
    });
    expect(after.audit - before.audit).toBe(after.events - before.events);
  });
});
