import { describe, expect, it } from "vitest";
import { stableId } from "@/prisma/seed/world";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { callSupport, requestBody } from "./routes";

const SLUG = "northwind-eu";
const TENANT = stableId("tenant", SLUG);

// Real concurrency needs connections that run at once: PostgreSQL's pool (the embedded database
// has one connection, so its approvals queue up anyway).
describe.skipIf(!DATABASE_KINDS.includes("postgres"))("concurrent M-of-N approvals on PostgreSQL", () => {
  const world = useSeededRegion("postgres", "eu-central-1", { keys: true, decisions: true });

  it("three admins approving at once with M = 2 make exactly one grant, from exactly two approvals", async () => {
    // A third admin for northwind-eu: Kim (whose token is scoped to kestrel-eu, so she uses a session).
    await world.prisma.membership.create({
      data: { userId: await world.userId(EU.kestrelViewer), tenantId: TENANT, role: "customer_admin" },
    });
    const put = await callSupport("put policy", SLUG, {
      token: world.token(EU.northwindAdmin),
      body: {
        approvals_required: 2,
        request_lifetime_hours: 12,
        max_grant_hours: 8,
        denied_reasons: [],
        allow_read_write: true,
      },
    });
    expect(put.status, await put.text()).toBe(200);
    const { approveRequest } = await import("@/modules/support/server/decisions");
    const admins = await Promise.all(
      [EU.northwindAdmin, EU.northwindAdmin2, EU.kestrelViewer].map((e) => world.session(e)),
    );

    for (let round = 0; round < 5; round++) {
      const created = await callSupport("create request", SLUG, {
        token: world.token(EU.support),
        body: requestBody(),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const outcomes = await Promise.allSettled(
        admins.map((a) => approveRequest(a, SLUG, id, {}, { surface: "api", path: "/x" })),
      );
      const ok = outcomes.filter((o) => o.status === "fulfilled");
      const refused = outcomes.filter((o) => o.status === "rejected") as PromiseRejectedResult[];
      expect(ok.length).toBe(2);
      for (const r of refused) expect(r.reason).toMatchObject({ status: 409 });
      expect(await world.prisma.supportGrant.count({ where: { requestId: id } })).toBe(1);
      expect(await world.prisma.supportApproval.count({ where: { requestId: id } })).toBe(2);
      const grant = await world.prisma.supportGrant.findUniqueOrThrow({ where: { requestId: id } });
      expect(grant.approverIds).toHaveLength(2);
    }
  });
});
