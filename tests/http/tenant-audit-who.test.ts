import { describe, expect, it } from "vitest";
import { GET as tenantAudit } from "@/app/api/v1/tenants/[tenant]/audit/route";
import { appendAudit } from "@/modules/audit/server/append";
import { stableId } from "@/prisma/seed/world";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { EU, useSeededRegion } from "../helpers/seeded-region";

const SLUG = "northwind-eu";

describe.each(DATABASE_KINDS)("the tenant audit API's who filter on %s", (kind) => {
  const world = useSeededRegion(kind);
  const get = (query: string) =>
    call(
      tenantAudit,
      request(`/api/v1/tenants/${SLUG}/audit${query}`, { headers: bearer(world.token(EU.northwindAdmin)) }),
      { tenant: SLUG },
    );
  const actorTypes = async (query: string) => {
    const res = await get(query);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { entries: { actor: { type: string } }[] };
    return new Set(body.entries.map((e) => e.actor.type));
  };

  it("people are users and their API tokens; system is the data plane and Terrane's jobs; no filter is everyone", async () => {
    const admin = await world.session(EU.northwindAdmin);
    await world.prisma.$transaction(async (tx) => {
      await appendAudit(tx, {
        actor: admin,
        tenantId: stableId("tenant", SLUG),
        action: "test.by_person",
        outcome: "success",
      });
      await appendAudit(tx, {
        actor: { ...admin, via: "token", tokenId: "t-1" },
        tenantId: stableId("tenant", SLUG),
        action: "test.by_token",
        outcome: "success",
      });
      await appendAudit(tx, {
        actor: { type: "system", name: "ingest-token:x" },
        tenantId: stableId("tenant", SLUG),
        action: "ingest.openlineage",
        outcome: "success",
      });
    });
    expect(await actorTypes("?who=people&limit=200")).toEqual(new Set(["user", "api_token"]));
    expect(await actorTypes("?who=system&limit=200")).toEqual(new Set(["system"]));
    const everyone = await actorTypes("?limit=200");
    for (const t of ["user", "api_token", "system"]) expect(everyone.has(t), t).toBe(true);
  });

  it("refuses any other value with a 400 that names the choices", async () => {
    const problem = await expectProblem(await get("?who=robots"), 400, "invalid_query");
    expect(problem.detail).toMatch(/who: must be people or system/);
  });
});
