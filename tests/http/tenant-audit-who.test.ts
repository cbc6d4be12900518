import { beforeAll, describe, expect, it } from "vitest";
import { GET as tenantAudit } from "@/app/api/v1/tenants/[tenant]/audit/route";
import type { AuditActorView } from "@/modules/audit/domain/actors";
import { appendAudit } from "@/modules/audit/server/append";
import { setRotationPeriod } from "@/modules/keys/server/lifecycle";
import { PEOPLE } from "@/prisma/seed/world";
import { stableId } from "@/prisma/seed/world";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { EU, useSeededRegion } from "../helpers/seeded-region";

const SLUG = "northwind-eu";

const nameOf = (email: string) => PEOPLE.find((p) => p.email === email)!.name;

interface Entry {
  action: string;
  subject: string | null;
  actor: AuditActorView;
}

describe.each(DATABASE_KINDS)("the tenant audit API: who acted, and the who and action filters, on %s", (kind) => {
  // With the demo's keys: their creation is in the log, as the product writes it.
  const world = useSeededRegion(kind, "eu-central-1", { keys: true });
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
        action: "data_class.created",
        outcome: "success",
      });
      await appendAudit(tx, {
        actor: { ...admin, via: "token", tokenId: "t-1" },
        tenantId: stableId("tenant", SLUG),
        action: "data_class.created",
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

  const entries = async (query: string): Promise<Entry[]> => {
    const res = await get(query);
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { entries: Entry[] }).entries;
  };

  describe("names the actor", () => {
    let ingestTokenId: string;

    beforeAll(async () => {
      const tenantId = stableId("tenant", SLUG);
      const ingest = await world.prisma.ingestToken.create({
        data: { region: "eu-central-1", name: "Frankfurt data plane", prefix: "tin_test", tokenHash: "names-test" },
      });
      ingestTokenId = ingest.id;
      const entry = (subject: string) => ({
        tenantId,
        action: "lineage.reevaluated" as const,
        subject,
        outcome: "success" as const,
      });
      // Loaded before the transaction: the embedded database has one connection.
      const admin = await world.session(EU.northwindAdmin);
      const adminToken = await world.tokenActor(EU.northwindAdmin);
      const compliance = await world.session(EU.compliance);
      const auditor = await world.session(EU.northwindAuditor);
      await world.prisma.$transaction(async (tx) => {
        await appendAudit(tx, { ...entry("names:admin"), actor: admin });
        await appendAudit(tx, { ...entry("names:admin-token"), actor: adminToken });
        await appendAudit(tx, { ...entry("names:compliance"), actor: compliance });
        await appendAudit(tx, { ...entry("names:auditor"), actor: auditor });
        await appendAudit(tx, { ...entry("names:job"), actor: { type: "system", name: "key-rotation" } });
        await appendAudit(tx, {
          ...entry("names:ingest"),
          actor: { type: "system", name: `ingest-token:${ingest.id}` },
        });
        await appendAudit(tx, { ...entry("names:anonymous"), actor: { type: "anonymous" } });
      });
    });

    const actorOf = async (subject: string) => {
      const found = (await entries("?action=lineage.reevaluated&limit=200")).find((e) => e.subject === subject);
      expect(found, subject).toBeDefined();
      return found!.actor;
    };

    it("a customer's colleague by name and id, without their e-mail address", async () => {
      expect(await actorOf("names:admin")).toMatchObject({
        type: "user",
        id: await world.userId(EU.northwindAdmin),
        name: nameOf(EU.northwindAdmin),
        email: null,
        token: null,
      });
    });

    it("a token by its name and its owner", async () => {
      const tokenActor = await world.tokenActor(EU.northwindAdmin);
      expect(await actorOf("names:admin-token")).toMatchObject({
        type: "api_token",
        id: tokenActor.userId,
        name: nameOf(EU.northwindAdmin),
        email: null,
        token: { id: tokenActor.tokenId, name: "Demo token" },
      });
    });

    it("provider staff and the tenant's auditors with their e-mail addresses", async () => {
      expect(await actorOf("names:compliance")).toMatchObject({
        type: "user",
        name: nameOf(EU.compliance),
        email: EU.compliance,
        employer: expect.any(String),
      });
      expect(await actorOf("names:auditor")).toMatchObject({
        type: "user",
        name: nameOf(EU.northwindAuditor),
        email: EU.northwindAuditor,
      });
    });

    it("the system by its component, the data plane by its ingest token, and anonymous as such", async () => {
      expect(await actorOf("names:job")).toMatchObject({
        type: "system",
        id: "key-rotation",
        name: "Key rotation job",
      });
      expect(await actorOf("names:ingest")).toMatchObject({
        type: "system",
        id: `ingest-token:${ingestTokenId}`,
        name: "Data plane (ingest token Frankfurt data plane)",
      });
      expect(await actorOf("names:anonymous")).toMatchObject({ type: "anonymous", id: null, name: null, email: null });
    });
  });

  it("the key. prefix finds the tenant's key entries, and only those; an exact key action finds its own", async () => {
    const keyId = (
      await world.prisma.tenantKey.findFirstOrThrow({
        where: { tenantId: stableId("tenant", SLUG), alias: "primary" },
        select: { id: true },
      })
    ).id;
    await setRotationPeriod(await world.session(EU.northwindAdmin), SLUG, keyId, 120, {
      surface: "api",
      path: "/api/v1/test",
    });
    const keys = await entries("?action=key.&limit=200");
    expect(keys.length).toBeGreaterThan(1);
    expect(keys.every((e) => e.action.startsWith("key."))).toBe(true);
    const actions = new Set(keys.map((e) => e.action));
    // Seeded through the product's own key provisioning, and changed just now by the admin.
    expect(actions.has("key.created")).toBe(true);
    expect(actions.has("key.rotation_period_changed")).toBe(true);
    const changed = await entries("?action=key.rotation_period_changed");
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({
      subject: `key:${keyId}`,
      actor: { type: "user", name: nameOf(EU.northwindAdmin) },
    });
  });

  it("refuses any other value with a 400 that names the choices", async () => {
    const problem = await expectProblem(await get("?who=robots"), 400, "invalid_query");
    expect(problem.detail).toMatch(/who: must be people or system/);
  });
});
