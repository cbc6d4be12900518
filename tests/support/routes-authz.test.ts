import { beforeAll, describe, expect, it } from "vitest";
import { generateTokenSecret } from "@/modules/identity/domain/token-secret";
import { DATABASE_KINDS } from "../helpers/databases";
import { expectProblem } from "../helpers/http";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { callSupport, requestBody, SUPPORT_ROUTES, supportTotals } from "./routes";

const SLUG = "northwind-eu";
const ROLES = [
  EU.northwindAdmin,
  EU.northwindViewer,
  EU.northwindAuditor,
  EU.compliance,
  EU.support,
  EU.providerAdmin,
] as const;

/** Who gets past the policy on each route (everyone else with a role is refused with 403). */
const ALLOWED: Record<string, readonly string[]> = {
  "list requests": [EU.northwindAdmin, EU.northwindViewer, EU.compliance, EU.support, EU.providerAdmin],
  "create request": [EU.support],
  "break-glass": [EU.support],
  "get request": [EU.northwindAdmin, EU.northwindViewer, EU.compliance, EU.support, EU.providerAdmin],
  approve: [EU.northwindAdmin],
  deny: [EU.northwindAdmin],
  withdraw: [EU.support],
  extend: [EU.support],
  confirm: [EU.compliance, EU.providerAdmin],
  review: [EU.compliance],
  "list grants": [EU.northwindAdmin, EU.northwindViewer, EU.compliance, EU.support, EU.providerAdmin],
  revoke: [EU.northwindAdmin],
  token: [EU.support],
  "get policy": [EU.northwindAdmin, EU.northwindViewer, EU.compliance, EU.support, EU.providerAdmin],
  "put policy": [EU.northwindAdmin],
  accesses: [EU.northwindAdmin, EU.northwindViewer, EU.compliance],
};

describe.each(DATABASE_KINDS)("support-access routes: who may do what, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1", { keys: true, decisions: true });
  let requestId: string;
  let grantId: string;

  beforeAll(async () => {
    // One granted request to aim every step at.
    const created = await callSupport("create request", SLUG, { token: world.token(EU.support), body: requestBody() });
    requestId = ((await created.json()) as { id: string }).id;
    const approved = await callSupport("approve", SLUG, { token: world.token(EU.northwindAdmin), id: requestId });
    grantId = ((await approved.json()) as { grant: { id: string } }).grant.id;
  });

  it("every role the policy does not name is refused with 403 on every route, and nothing changes", async () => {
    const before = await supportTotals(world.prisma);
    for (const r of SUPPORT_ROUTES) {
      const id = r.param === "grant" ? grantId : requestId;
      for (const email of ROLES.filter((e) => !ALLOWED[r.name]!.includes(e))) {
        const problem = await expectProblem(
          await callSupport(r.name, SLUG, { token: world.token(email), id }),
          403,
          "forbidden",
        );
        expect(problem.detail, `${r.name} as ${email}`).toBeTruthy();
      }
    }
    expect(await supportTotals(world.prisma)).toEqual(before);
  });

  it("the roles the policy names get past it on every route", async () => {
    for (const r of SUPPORT_ROUTES.filter((x) => x.method === "GET")) {
      for (const email of ALLOWED[r.name]!) {
        const res = await callSupport(r.name, SLUG, { token: world.token(email), id: requestId });
        // A provider admin passes the policy but sees only break-glass requests: this one is not.
        if (r.name === "get request" && email === EU.providerAdmin) {
          await expectProblem(res, 404, "request_not_found");
          continue;
        }
        expect(res.status, `${r.name} as ${email}: ${await res.clone().text()}`).toBe(200);
      }
    }
  });

  it("another organisation's people get 404, as for an unknown tenant; a bad token 401; anonymous 401", async () => {
    const before = await supportTotals(world.prisma);
    for (const r of SUPPORT_ROUTES) {
      const id = r.param === "grant" ? grantId : requestId;
      const hidden = await expectProblem(
        await callSupport(r.name, SLUG, { token: world.token(EU.kestrelViewer), id }),
        404,
        "tenant_not_found",
      );
      const unknown = await expectProblem(
        await callSupport(r.name, "no-such-tenant", { token: world.token(EU.kestrelViewer), id }),
        404,
        "tenant_not_found",
      );
      expect(hidden).toEqual(unknown);
      await expectProblem(
        await callSupport(r.name, SLUG, { token: generateTokenSecret().secret, id }),
        401,
        "invalid_token",
      );
      await expectProblem(await callSupport(r.name, SLUG, { id }), 401, "unauthenticated");
    }
    expect(await supportTotals(world.prisma)).toEqual(before);
  });

  it("a support engineer sees only their own requests; the tenant's people see everyone's", async () => {
    const mine = (await (await callSupport("list requests", SLUG, { token: world.token(EU.support) })).json()) as {
      requests: { requester: { email: string } }[];
    };
    expect(mine.requests.length).toBeGreaterThan(0);
    expect(new Set(mine.requests.map((r) => r.requester.email))).toEqual(new Set([EU.support]));
  });
});
