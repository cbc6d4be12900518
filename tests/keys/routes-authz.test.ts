import { beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../helpers/databases";
import { expectProblem } from "../helpers/http";
import { EU } from "../helpers/seeded-region";
import { callKeyRoute, KEY_ROUTES, route } from "../helpers/keys-routes";
import { primaryKeyId, tenantId, totals, useKeyWorld, waitFor } from "../helpers/keys-world";

const SLUG = "northwind-eu";
const READERS = [EU.northwindViewer, EU.northwindAuditor];
const STAFF = [EU.compliance, EU.support, EU.providerAdmin];
const READS = KEY_ROUTES.filter((r) => !r.write);
const WRITES = KEY_ROUTES.filter((r) => r.write);

describe.each(DATABASE_KINDS)("key routes: who may do what, on %s", (kind) => {
  const world = useKeyWorld(kind);
  let keyId: string;
  const keyState = async () => (await world.prisma.tenantKey.findUniqueOrThrow({ where: { id: keyId } })).state;

  beforeAll(async () => {
    keyId = await primaryKeyId(world.prisma, SLUG);
    // Kim administers kestrel-eu and, from now on, northwind-eu too; her token is kestrel-eu's.
    await world.prisma.membership.create({
      data: { userId: await world.userId(EU.kestrelAdmin), tenantId: tenantId(SLUG), role: "customer_admin" },
    });
  });

  it("viewers and auditors read keys, events and receipts", async () => {
    for (const email of READERS) {
      for (const r of READS) {
        const res = await callKeyRoute(r, SLUG, keyId, { token: world.token(email) });
        expect(res.status, `${email} ${r.name}`).toBe(200);
      }
      const list = (await (
        await callKeyRoute(route("list keys"), SLUG, keyId, { token: world.token(email) })
      ).json()) as { keys: { id: string; state: string }[] };
      expect(list.keys).toMatchObject([{ id: keyId, state: "enabled" }]);
    }
  });

  it("viewers and auditors are refused every write with 403, and nothing changes", async () => {
    const before = await totals(world.prisma);
    for (const email of READERS) {
      for (const r of WRITES)
        await expectProblem(await callKeyRoute(r, SLUG, keyId, { token: world.token(email) }), 403, "forbidden");
    }
    expect(await totals(world.prisma)).toEqual(before);
    expect(await keyState()).toBe("enabled");
    expect(await world.prisma.keyRotation.count()).toBe(0);
  });

  it("provider staff neither read nor change a customer's keys (403)", async () => {
    const before = await totals(world.prisma);
    for (const email of STAFF) {
      for (const r of KEY_ROUTES)
        await expectProblem(await callKeyRoute(r, SLUG, keyId, { token: world.token(email) }), 403, "forbidden");
    }
    expect(await totals(world.prisma)).toEqual(before);
  });

  it("a non-member gets 404 on every route, exactly as for an unknown tenant", async () => {
    const token = world.token(EU.kestrelViewer);
    for (const r of KEY_ROUTES) {
      const notMember = await expectProblem(await callKeyRoute(r, SLUG, keyId, { token }), 404, "tenant_not_found");
      const unknown = await expectProblem(
        await callKeyRoute(r, "no-such-tenant", keyId, { token }),
        404,
        "tenant_not_found",
      );
      expect(notMember).toEqual(unknown);
    }
  });

  it("a token scoped to another tenant is refused (403) even for an admin of this one", async () => {
    const before = await totals(world.prisma);
    for (const r of KEY_ROUTES) {
      const problem = await expectProblem(
        await callKeyRoute(r, SLUG, keyId, { token: world.token(EU.kestrelAdmin) }),
        403,
        "forbidden",
      );
      expect(problem.detail).toMatch(/scoped to another tenant/);
    }
    expect(await totals(world.prisma)).toEqual(before);
  });

  it("the customer admin manages the key through every route, each change recorded once", async () => {
    const token = world.token(EU.northwindAdmin);
    type Answer = {
      key: { state: string; rotation_period_days: number };
      rotation?: { id: string };
      receipt?: { status: string };
    };
    /** One write; `settle` waits for what it set going, which may record more (`writes`). */
    const write = async (
      name: string,
      expectedState: string,
      settle?: (a: Answer) => Promise<unknown>,
      writes = 1,
    ): Promise<Answer> => {
      const before = await totals(world.prisma);
      const res = await callKeyRoute(route(name), SLUG, keyId, { token });
      expect(res.status, `${name}: ${await res.clone().text()}`).toBe(200);
      const body = (await res.json()) as Answer;
      expect(body.key.state).toBe(expectedState);
      await settle?.(body);
      expect(await totals(world.prisma)).toEqual({ events: before.events + writes, audit: before.audit + writes });
      return body;
    };
    expect((await write("rotation period", "enabled")).key.rotation_period_days).toBe(180);
    const rotationDone = (a: Answer) =>
      waitFor(
        "the rotation",
        async () =>
          (await world.prisma.keyRotation.findUniqueOrThrow({ where: { id: a.rotation!.id } })).stage === "completed",
      );
    await write("rotate", "enabled", rotationDone, 2); // rotated, then rotation_completed
    expect((await write("disable", "disabled")).receipt?.status).toBe("pending");
    await write("enable", "enabled");
    await write("schedule deletion", "pending_deletion");
    await write("cancel deletion", "disabled");
    await write("enable", "enabled");

    const events = (await (await callKeyRoute(route("events"), SLUG, keyId, { token })).json()) as {
      events: { type: string }[];
    };
    expect(events.events.map((e) => e.type)).toEqual([
      "created",
      "rotation_period_changed",
      "rotated",
      "rotation_completed",
      "disabled",
      "enabled",
      "deletion_scheduled",
      "deletion_cancelled",
      "enabled",
    ]);
    const csv = await callKeyRoute(route("events"), SLUG, keyId, { token, query: "?format=csv" });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect((await csv.text()).split("\r\n")[0]).toBe(
      '"kind","at","type_or_operation","service","count","failures","after_disable","actor_type","actor_id","details","source","actor_name"',
    );
    const receipts = (await (await callKeyRoute(route("receipts"), SLUG, keyId, { token })).json()) as {
      receipts: unknown[];
    };
    expect(receipts.receipts).toHaveLength(2); // the disable, and the deletion scheduled while enabled
  });
});
