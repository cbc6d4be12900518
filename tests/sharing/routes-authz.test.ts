import { beforeAll, describe, expect, it } from "vitest";
import { generateTokenSecret } from "@/modules/identity/domain/token-secret";
import { createDataClass, listDataClasses } from "@/modules/sharing/server/data-classes";
import { createDecision, editDecision } from "@/modules/sharing/server/decisions";
import { sharingMatrix, sharingPolicyText } from "@/modules/sharing/server/matrix";
import { decisionsCsv, getDecision, listDecisions } from "@/modules/sharing/server/read";
import { decisionStep } from "@/modules/sharing/server/workflow";
import { stableId } from "@/prisma/seed/world";
import { DATABASE_KINDS } from "../helpers/databases";
import { expectProblem } from "../helpers/http";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { callSharing, newDecisionBody, SHARING_ROUTES, sharingRoute, sharingTotals } from "./routes";

const SLUG = "northwind-eu";
const TENANT = stableId("tenant", SLUG);

// Who may call what (success status), by role; everyone else with a role or provider role gets 403.
const ALLOWED: Record<string, string[]> = {
  "list data classes": [EU.northwindAdmin, EU.northwindViewer, EU.northwindAuditor, EU.compliance, EU.compliance2],
  "create data class": [EU.northwindAdmin, EU.compliance, EU.compliance2],
  "list decisions": [EU.northwindAdmin, EU.northwindViewer, EU.compliance, EU.compliance2],
  matrix: [EU.northwindAdmin, EU.northwindViewer, EU.compliance, EU.compliance2],
  policy: [EU.northwindAdmin, EU.northwindViewer, EU.compliance, EU.compliance2],
  "get decision": [EU.northwindAdmin, EU.northwindViewer, EU.compliance, EU.compliance2],
  "create decision": [EU.northwindAdmin, EU.compliance, EU.compliance2],
  "edit decision": [EU.northwindAdmin, EU.compliance, EU.compliance2],
  submit: [EU.northwindAdmin, EU.compliance, EU.compliance2],
  withdraw: [EU.northwindAdmin, EU.compliance, EU.compliance2],
  approve: [EU.compliance, EU.compliance2],
  "reject review": [EU.compliance, EU.compliance2],
  accept: [EU.northwindAdmin],
  reject: [EU.northwindAdmin],
};
const EVERYONE = [
  EU.northwindAdmin,
  EU.northwindViewer,
  EU.northwindAuditor,
  EU.compliance,
  EU.compliance2,
  EU.support,
  EU.providerAdmin,
];

describe.each(DATABASE_KINDS)("sharing routes: who may do what, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1", { decisions: true });
  let draftId: string;

  beforeAll(async () => {
    draftId = (
      await world.prisma.sharingDecisionVersion.findFirstOrThrow({
        where: { tenantId: TENANT, status: "draft" },
        select: { decisionId: true },
      })
    ).decisionId;
    // Kim administers kestrel-eu and, from now on, northwind-eu too; her token is kestrel-eu's.
    await world.prisma.membership.create({
      data: { userId: await world.userId(EU.kestrelAdmin), tenantId: TENANT, role: "customer_admin" },
    });
  });

  it("every role without the permission is refused with 403 on every route, and nothing changes", async () => {
    const before = await sharingTotals(world.prisma);
    for (const r of SHARING_ROUTES) {
      for (const email of EVERYONE.filter((e) => !ALLOWED[r.name]!.includes(e))) {
        await expectProblem(await callSharing(r, SLUG, draftId, { token: world.token(email) }), 403, "forbidden");
      }
    }
    expect(await sharingTotals(world.prisma)).toEqual(before);
  });

  it("a non-member gets 404 on every route, as for an unknown tenant; an unknown token gets 401", async () => {
    const before = await sharingTotals(world.prisma);
    for (const r of SHARING_ROUTES) {
      const notMember = await expectProblem(
        await callSharing(r, SLUG, draftId, { token: world.token(EU.kestrelViewer) }),
        404,
        "tenant_not_found",
      );
      const unknown = await expectProblem(
        await callSharing(r, "no-such-tenant", draftId, { token: world.token(EU.kestrelViewer) }),
        404,
        "tenant_not_found",
      );
      expect(notMember).toEqual(unknown);
      await expectProblem(
        await callSharing(r, SLUG, draftId, { token: generateTokenSecret().secret }),
        401,
        "invalid_token",
      );
    }
    expect(await sharingTotals(world.prisma)).toEqual(before);
  });

  it("anonymous callers are refused (401) by every entry point of the data layer", async () => {
    // Route handlers find no session outside Next (e2e covers anonymous HTTP); the data layer decides.
    const anon = { type: "anonymous" as const };
    const o = { surface: "api" as const, path: "/x" };
    const calls: (() => Promise<unknown>)[] = [
      () => listDataClasses(anon, SLUG, o),
      () => createDataClass(anon, SLUG, { key: "abc", name: "x", description: "", sensitivity: "public" }, o),
      () => listDecisions(anon, SLUG, undefined, o),
      () => decisionsCsv(anon, SLUG, undefined, o),
      () => sharingMatrix(anon, SLUG, undefined, o),
      () => sharingPolicyText(anon, SLUG, o),
      () => getDecision(anon, SLUG, draftId, o),
      () => editDecision(anon, SLUG, draftId, { notes: "x" }, o),
      () =>
        createDecision(
          anon,
          SLUG,
          {
            data_class: "customer_pii",
            destination: { kind: "region", id: "us-east-1" },
            outcome: "deny",
            effective_from: new Date(),
          },
          o,
        ),
      ...(["submit", "approve", "rejectReview", "accept", "reject", "withdraw"] as const).map(
        (n) => () => decisionStep(anon, SLUG, draftId, n, { reason: "r" }, o),
      ),
    ];
    const before = await sharingTotals(world.prisma);
    for (const c of calls) await expect(c()).rejects.toMatchObject({ status: 401, code: "unauthenticated" });
    expect(await sharingTotals(world.prisma)).toEqual(before);
  });

  it("a token scoped to another tenant is refused (403) even for an admin of this one", async () => {
    const before = await sharingTotals(world.prisma);
    for (const r of SHARING_ROUTES) {
      const problem = await expectProblem(
        await callSharing(r, SLUG, draftId, { token: world.token(EU.kestrelAdmin) }),
        403,
        "forbidden",
      );
      expect(problem.detail, r.name).toMatch(/scoped to another tenant/);
    }
    expect(await sharingTotals(world.prisma)).toEqual(before);
  });

  it("readers read data classes, decisions, the matrix and the policy", async () => {
    for (const r of SHARING_ROUTES.filter((x) => x.method === "GET")) {
      for (const email of ALLOWED[r.name]!) {
        const res = await callSharing(r, SLUG, draftId, { token: world.token(email) });
        expect(res.status, `${email} ${r.name}: ${await res.clone().text()}`).toBe(200);
        expect(res.headers.get("cache-control")).toBe("no-store");
      }
    }
  });

  /** Runs the named steps in order with the given people; each must succeed with `status`. */
  async function walk(id: string, steps: [string, string, number?, unknown?][]) {
    for (const [name, email, status, body] of steps) {
      const res = await callSharing(sharingRoute(name), SLUG, id, {
        token: world.token(email),
        ...(body ? { body } : {}),
      });
      expect(res.status, `${email} ${name}: ${await res.clone().text()}`).toBe(status ?? 200);
    }
  }

  async function create(
    email: string,
    dataClass: string,
    destination: unknown = { kind: "region", id: "us-east-1" },
  ): Promise<string> {
    const res = await callSharing(sharingRoute("create decision"), SLUG, "", {
      token: world.token(email),
      body: newDecisionBody(dataClass, destination),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(res.headers.get("x-terrane-region")).toBe("eu-central-1");
    return ((await res.json()) as { id: string }).id;
  }

  it("customer admins and compliance officers take every step their role allows, through the API", async () => {
    for (const email of ALLOWED["create data class"]!) {
      const res = await callSharing(sharingRoute("create data class"), SLUG, "", { token: world.token(email) });
      expect(res.status, email).toBe(201);
    }
    const byAdmin = await create(EU.northwindAdmin, "usage_telemetry");
    // The first officer edits the customer's draft, so only the second may review it.
    await walk(byAdmin, [
      ["edit decision", EU.northwindAdmin],
      ["edit decision", EU.compliance, 200, { dpa_clause: "DPA §8.1" }],
      ["submit", EU.northwindAdmin],
      ["reject review", EU.compliance2],
      ["submit", EU.northwindAdmin],
      ["approve", EU.compliance, 403],
      ["approve", EU.compliance2],
      ["reject", EU.northwindAdmin],
      ["submit", EU.northwindAdmin],
      ["approve", EU.compliance2],
      ["accept", EU.northwindAdmin],
    ]);
    const byOfficer = await create(EU.compliance, "employee_data");
    await walk(byOfficer, [
      ["edit decision", EU.compliance],
      ["submit", EU.compliance],
      ["approve", EU.compliance, 403],
      ["reject review", EU.compliance2],
      ["withdraw", EU.compliance],
    ]);
    const another = await create(EU.compliance, "security_logs", {
      kind: "partner",
      id: "Atlas Freight",
      location: "GB",
    });
    await walk(another, [["withdraw", EU.northwindAdmin]]);
    const audit = await world.prisma.auditEntry.count({
      where: {
        tenantId: TENANT,
        action: { startsWith: "sharing_decision." },
        subject: { in: [byAdmin, byOfficer, another].map((id) => `sharing_decision:${id}`) },
      },
    });
    expect(audit).toBe(11 + 5 + 2);
  });

  it("JSON lists, the CSV, the matrix and the policy text agree on what is in force", async () => {
    const token = world.token(EU.northwindViewer);
    const list = (await (await callSharing(sharingRoute("list decisions"), SLUG, "", { token })).json()) as {
      default_outcome: string;
      decisions: {
        data_class: { key: string };
        destination: { key: string };
        effective_outcome: string;
        pending: { state: string } | null;
      }[];
    };
    expect(list.default_outcome).toBe("deny");
    const find = (cls: string, dest: string) =>
      list.decisions.find((d) => d.data_class.key === cls && d.destination.key === dest);
    expect(find("pseudonymised_analytics", "region:me-central-1")).toMatchObject({
      effective_outcome: "allow_pseudonymised",
    });
    expect(find("customer_pii", "region:us-east-1")).toMatchObject({ effective_outcome: "deny" });
    expect(find("business_records", "region:af-south-1")).toMatchObject({
      effective_outcome: "deny",
      pending: { state: "in_review" },
    });

    const queue = (await (
      await callSharing(sharingRoute("list decisions"), SLUG, "", { token, query: "?status=in_review" })
    ).json()) as { decisions: { data_class: { key: string } }[] };
    expect(queue.decisions.map((d) => d.data_class.key)).toContain("business_records");
    expect(queue.decisions.every((d) => d.data_class.key !== "customer_pii")).toBe(true);

    const csv = await callSharing(sharingRoute("list decisions"), SLUG, "", { token, query: "?format=csv" });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(
      'attachment; filename="northwind-eu-sharing-decisions-in_force.csv"',
    );
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^"decision_id","data_class","data_class_name","destination_kind","destination_id"/);
    expect(
      lines.some(
        (l) => l.includes('"pseudonymised_analytics"') && l.includes('"2","in_force","allow_pseudonymised","sccs"'),
      ),
    ).toBe(true);
    expect(lines.every((l, i) => i === 0 || l.includes('"in_force"'))).toBe(true);
    const all = await (
      await callSharing(sharingRoute("list decisions"), SLUG, "", { token, query: "?format=csv&status=superseded" })
    ).text();
    expect(all).toMatch(/"pseudonymised_analytics".*"1","superseded","allow_aggregates"/);

    const matrix = (await (await callSharing(sharingRoute("matrix"), SLUG, "", { token })).json()) as {
      destinations: { key: string }[];
      rows: {
        data_class: string;
        cells: { destination: string; outcome: string; default: boolean; pending: unknown }[];
      }[];
    };
    expect(matrix.destinations.map((d) => d.key)).toEqual(
      expect.arrayContaining([
        "region:me-central-1",
        "region:af-south-1",
        "region:us-east-1",
        "subprocessor:snowflake analytics (us-east-1)@us-east-1",
        "partner:atlas freight forwarding ltd",
      ]),
    );
    expect(matrix.destinations.map((d) => d.key)).not.toContain("region:eu-central-1");
    const cell = (cls: string, dest: string) =>
      matrix.rows.find((r) => r.data_class === cls)!.cells.find((c) => c.destination === dest)!;
    expect(cell("pseudonymised_analytics", "region:me-central-1")).toMatchObject({
      outcome: "allow_pseudonymised",
      default: false,
    });
    expect(cell("health_data", "region:us-east-1")).toMatchObject({ outcome: "deny", default: true, pending: null });
    expect(cell("business_records", "region:af-south-1")).toMatchObject({
      outcome: "deny",
      default: true,
      pending: { state: "in_review" },
    });
    const past = (await (
      await callSharing(sharingRoute("matrix"), SLUG, "", {
        token,
        query: `?at=${new Date(Date.now() - 100 * 86_400_000).toISOString()}`,
      })
    ).json()) as typeof matrix;
    expect(
      past.rows
        .find((r) => r.data_class === "pseudonymised_analytics")!
        .cells.find((c) => c.destination === "region:me-central-1")!.outcome,
    ).toBe("allow_aggregates");

    const policy = await callSharing(sharingRoute("policy"), SLUG, "", { token });
    expect(policy.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const text = await policy.text();
    expect(text).toMatch(/^\/\/ Sharing policy of tenant northwind-eu/);
    expect(text).toContain('principal == TerraneSharing::DataClass::"pseudonymised_analytics"');
    expect(text).toMatch(/forbid \(\n {2}principal == TerraneSharing::DataClass::"customer_pii"/);
    expect(text).not.toContain('"business_records"'); // in review: not in the policy
  });
});
