import { beforeAll, describe, expect, it } from "vitest";
import { generateTokenSecret } from "@/modules/identity/domain/token-secret";
import { objectionList, objectionView, regionObjectionsView } from "@/modules/subprocessors/api-schemas/tenant";
import { DATABASE_KINDS } from "../helpers/databases";
import { expectProblem } from "../helpers/http";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { seedAnnounced, tenantId } from "./impact-world";
import { callObjections, OBJECTION_ROUTES, objectionTotals } from "./tenant-routes";

const DAY = 86_400_000;
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
  "tenant view": [EU.northwindAdmin, EU.northwindViewer, EU.northwindAuditor, EU.compliance, EU.providerAdmin],
  "list objections": [EU.northwindAdmin, EU.northwindViewer, EU.northwindAuditor, EU.compliance, EU.providerAdmin],
  object: [EU.northwindAdmin],
  "region queue": [EU.compliance, EU.providerAdmin],
  resolve: [EU.compliance],
};

describe.each(DATABASE_KINDS)("objections to subprocessor changes, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1");
  let author: string;
  let mailgrid: string;
  let objectionId: string;

  const json = async <T>(response: Response | Promise<Response>, status = 200): Promise<T> => {
    const r = await response;
    const text = await r.text();
    expect(r.status, text).toBe(status);
    return JSON.parse(text) as T;
  };

  /** The transaction that last wrote a row: equal for two rows written by one transaction. */
  const xmin = async (table: string, column: string, value: string) => {
    const rows = await world.prisma.$queryRawUnsafe<{ x: string }[]>(
      `SELECT xmin::text AS x FROM ${table} WHERE ${column} = $1`,
      value,
    );
    return rows.map((r) => r.x);
  };

  beforeAll(async () => {
    author = await world.userId(EU.providerAdmin);
    mailgrid = (await seedAnnounced(world.prisma, { after: { name: "Mailgrid" }, authorId: author })).changeId;
  });

  it("a customer admin objects during the notice period: due after the region's objection deadline, audited and announced in the same transaction", async () => {
    const before = await objectionTotals(world.prisma);
    const raised = objectionView.parse(
      await json(
        callObjections("object", {
          token: world.token(EU.northwindAdmin),
          body: { change_id: mailgrid, reason: "  Our customers' data must stay in the EU.  " },
        }),
        201,
      ),
    );
    objectionId = raised.id;
    expect(raised).toMatchObject({
      tenant: { slug: "northwind-eu", name: "Northwind Logistics EU" },
      change_id: mailgrid,
      subprocessor_name: "Mailgrid",
      change_state: "announced",
      reason: "Our customers' data must stay in the EU.",
      state: "open",
      overdue: false,
      outcome: null,
      resolution: null,
      resolved_by: null,
    });
    const ana = await world.prisma.user.findUniqueOrThrow({ where: { email: EU.northwindAdmin } });
    expect(raised.raised_by).toEqual({ id: ana.id, name: ana.name });
    // No subprocessor_settings row: the default deadline of 30 days, from the database's clock.
    expect(new Date(raised.due_at).getTime() - new Date(raised.created_at).getTime()).toBe(30 * DAY);

    const [audit] = await world.prisma.auditEntry.findMany({
      where: { action: "subprocessor.objection_raised", subject: `subprocessor_objection:${raised.id}` },
    });
    expect(audit).toMatchObject({ tenantId: tenantId("northwind-eu"), outcome: "success" });
    expect(audit!.details).toMatchObject({ change_id: mailgrid, subprocessor_id: "mailgrid", due_at: raised.due_at });
    const written = await xmin("subprocessor_objections", "id", raised.id);
    expect(await xmin("audit_entries", "subject", `subprocessor_objection:${raised.id}`)).toEqual(written);

    // The region's compliance officers and the tenant's other admins; the objector knows already.
    const told = await world.prisma.notification.findMany({
      where: { event: "subprocessor.objection_raised" },
      select: { userId: true, link: true, tenantId: true },
    });
    const ids = await Promise.all([EU.compliance, EU.compliance2, EU.northwindAdmin2].map((e) => world.userId(e)));
    expect(told.map((n) => n.userId).sort()).toEqual(ids.sort());
    expect(
      told.every((n) => n.link === "/t/northwind-eu/subprocessors" && n.tenantId === tenantId("northwind-eu")),
    ).toBe(true);
    const notified = await world.prisma.$queryRaw<{ x: string }[]>`
      SELECT DISTINCT xmin::text AS x FROM notifications WHERE event = 'subprocessor.objection_raised'`;
    expect(notified.map((r) => r.x)).toEqual(written);
    expect(await objectionTotals(world.prisma)).toEqual({
      ...before,
      objections: before.objections + 1,
      audit: before.audit + 1,
      notifications: before.notifications + 3,
    });

    // Both sides see it: the tenant's list and the compliance officers' queue.
    const list = objectionList.parse(
      await json(callObjections("list objections", { token: world.token(EU.northwindViewer) })),
    );
    expect(list.objections.map((o) => o.id)).toEqual([raised.id]);
    const queue = regionObjectionsView.parse(
      await json(callObjections("region queue", { token: world.token(EU.compliance) })),
    );
    expect(queue.allowed_actions).toEqual(["resolve"]);
    expect(queue.objections.map((o) => [o.id, o.state, o.tenant.slug])).toEqual([[raised.id, "open", "northwind-eu"]]);
    const asAdmin = regionObjectionsView.parse(
      await json(callObjections("region queue", { token: world.token(EU.providerAdmin) })),
    );
    expect(asAdmin.allowed_actions).toEqual([]);
  });

  it("refuses a second objection, a viewer, an unknown change, one not announced and one past its effective date, changing nothing", async () => {
    const before = await objectionTotals(world.prisma);
    const admin = world.token(EU.northwindAdmin);
    await expectProblem(await callObjections("object", { token: admin, changeId: mailgrid }), 409, "already_objected");
    await expectProblem(
      await callObjections("object", { token: world.token(EU.northwindViewer), changeId: mailgrid }),
      403,
      "forbidden",
    );
    await expectProblem(
      await callObjections("object", { token: admin, changeId: "00000000-0000-4000-a000-000000000000" }),
      404,
      "change_not_found",
    );
    const proposed = await seedAnnounced(world.prisma, {
      after: { name: "Draftly" },
      state: "proposed",
      authorId: author,
    });
    await expectProblem(
      await callObjections("object", { token: admin, changeId: proposed.changeId }),
      409,
      "not_announced",
    );
    const withdrawn = await seedAnnounced(world.prisma, {
      after: { name: "Gonely" },
      state: "withdrawn",
      authorId: author,
    });
    await expectProblem(
      await callObjections("object", { token: admin, changeId: withdrawn.changeId }),
      409,
      "not_announced",
    );
    // The notice period ended a minute ago on the database's clock (the apply job has not run yet).
    const late = await seedAnnounced(world.prisma, { after: { name: "Latecomer" }, authorId: author });
    await world.prisma.$executeRaw`
      UPDATE subprocessor_changes SET effective_at = now() - interval '1 minute' WHERE id = ${late.changeId}`;
    await expectProblem(
      await callObjections("object", { token: admin, changeId: late.changeId }),
      409,
      "notice_period_over",
    );
    await world.prisma.$executeRaw`UPDATE subprocessor_changes SET state = 'effective' WHERE id = ${late.changeId}`;
    await expectProblem(
      await callObjections("object", { token: admin, changeId: late.changeId }),
      409,
      "notice_period_over",
    );
    // Bad bodies: no reason, a blank one, an unknown field, a control character.
    for (const body of [
      { change_id: mailgrid },
      { change_id: mailgrid, reason: "   " },
      { change_id: mailgrid, reason: "No.", extra: true },
      { change_id: mailgrid, reason: "bell\u0007" },
    ]) {
      const r = await callObjections("object", { token: admin, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect(await objectionTotals(world.prisma)).toEqual(before);
  });

  it("a compliance officer resolves it in writing; change_withdrawn only once the change is withdrawn; the tenant reads who resolved it", async () => {
    const before = await objectionTotals(world.prisma);
    const officer = world.token(EU.compliance);
    for (const body of [
      { outcome: "maybe", resolution: "We will see." },
      { outcome: "tenant_excluded" },
      { outcome: "tenant_excluded", resolution: "  " },
    ]) {
      const r = await callObjections("resolve", { token: officer, id: objectionId, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    const notWithdrawn = await expectProblem(
      await callObjections("resolve", {
        token: officer,
        id: objectionId,
        body: { outcome: "change_withdrawn", resolution: "Withdrawn." },
      }),
      409,
      "change_not_withdrawn",
    );
    expect(notWithdrawn.detail).toMatch(/announced/);
    await expectProblem(
      await callObjections("resolve", { token: world.token(EU.providerAdmin), id: objectionId }),
      403,
      "forbidden",
    );
    await expectProblem(
      await callObjections("resolve", { token: officer, id: "00000000-0000-4000-a000-000000000000" }),
      404,
      "objection_not_found",
    );
    expect(await objectionTotals(world.prisma)).toEqual(before);

    const resolution = "Northwind's data stays in eu-central-1: Mailgrid is not used for its tenant.";
    const resolved = objectionView.parse(
      await json(
        callObjections("resolve", {
          token: officer,
          id: objectionId,
          body: { outcome: "tenant_excluded", resolution },
        }),
      ),
    );
    expect(resolved).toMatchObject({ state: "resolved", outcome: "tenant_excluded", resolution });
    const officerRow = await world.prisma.user.findUniqueOrThrow({ where: { email: EU.compliance } });
    expect(resolved.resolved_by).toEqual({ id: officerRow.id, name: officerRow.name });
    expect(resolved.outcome_label).toMatch(/Tenant excluded/);
    const written = await xmin("subprocessor_objections", "id", objectionId);
    const audits = await world.prisma.$queryRaw<{ x: string }[]>`
      SELECT xmin::text AS x FROM audit_entries WHERE action = 'subprocessor.objection_resolved'`;
    expect(audits.map((a) => a.x)).toEqual(written);
    const told = await world.prisma.notification.findMany({ where: { event: "subprocessor.objection_resolved" } });
    const admins = await Promise.all([EU.northwindAdmin, EU.northwindAdmin2].map((e) => world.userId(e)));
    expect(told.map((n) => n.userId).sort()).toEqual(admins.sort());

    await expectProblem(
      await callObjections("resolve", {
        token: officer,
        id: objectionId,
        body: { outcome: "tenant_excluded", resolution },
      }),
      409,
      "already_resolved",
    );

    // The tenant reads the outcome, the resolution and who wrote it, by name.
    const list = objectionList.parse(
      await json(callObjections("list objections", { token: world.token(EU.northwindAdmin) })),
    );
    expect(list.objections[0]).toMatchObject({ id: objectionId, outcome: "tenant_excluded", resolution });
    expect(list.objections[0]!.resolved_by!.name).toBe(resolved.resolved_by!.name);
  });

  it("change_withdrawn once a provider admin has withdrawn the change; the tenant's webhooks hear of it", async () => {
    const kestrel = await json<{ id: string }>(
      callObjections("object", { token: world.token(EU.kestrelAdmin), tenant: "kestrel-eu", changeId: mailgrid }),
      201,
    );
    const endpoint = await world.prisma.webhookEndpoint.create({
      data: {
        tenantId: tenantId("kestrel-eu"),
        url: "http://127.0.0.1:9/hooks",
        events: ["subprocessor.objection_resolved"],
        sealedSecret: new Uint8Array([1]),
        createdById: await world.userId(EU.kestrelAdmin),
      },
    });
    await world.prisma.$executeRaw`UPDATE subprocessor_changes SET state = 'withdrawn' WHERE id = ${mailgrid}`;
    const resolved = objectionView.parse(
      await json(
        callObjections("resolve", {
          token: world.token(EU.compliance2),
          id: kestrel.id,
          body: { outcome: "change_withdrawn", resolution: "The change was withdrawn on 12 December." },
        }),
      ),
    );
    expect(resolved).toMatchObject({ outcome: "change_withdrawn", change_state: "withdrawn" });
    const deliveries = await world.prisma.webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.payload).toMatchObject({
      type: "subprocessor.objection_resolved",
      data: { objection_id: kestrel.id, outcome: "change_withdrawn", tenant: "kestrel-eu" },
    });
    const queue = regionObjectionsView.parse(
      await json(callObjections("region queue", { token: world.token(EU.compliance), query: "?state=resolved" })),
    );
    expect(queue.objections.map((o) => o.state)).toEqual(["resolved", "resolved"]);
    await expectProblem(
      await callObjections("region queue", { token: world.token(EU.compliance), query: "?state=closed" }),
      400,
      "invalid_query",
    );
  });

  describe("every route × every role", () => {
    let change: string;
    let open: string;
    beforeAll(async () => {
      change = (await seedAnnounced(world.prisma, { after: { name: "Matrixly" }, authorId: author })).changeId;
      open = (
        await json<{ id: string }>(
          callObjections("object", { token: world.token(EU.northwindAdmin2), changeId: change }),
          201,
        )
      ).id;
    });

    it("every role the policy does not name is refused with 403 on every route, and nothing changes", async () => {
      const before = await objectionTotals(world.prisma);
      for (const r of OBJECTION_ROUTES) {
        for (const email of ROLES.filter((e) => !ALLOWED[r.name]!.includes(e))) {
          const problem = await expectProblem(
            await callObjections(r.name, { token: world.token(email), id: open, changeId: change }),
            403,
            "forbidden",
          );
          expect(problem.detail, `${r.name} as ${email}`).toBeTruthy();
        }
      }
      expect(await objectionTotals(world.prisma)).toEqual(before);
    });

    it("the roles the policy names get past it on every route", async () => {
      for (const r of OBJECTION_ROUTES.filter((x) => x.method === "GET")) {
        for (const email of ALLOWED[r.name]!) {
          const res = await callObjections(r.name, { token: world.token(email), id: open });
          expect(res.status, `${r.name} as ${email}: ${await res.clone().text()}`).toBe(200);
        }
      }
      // The writes: Ana objects too (the tenant already has, through Ben), a compliance officer resolves.
      await expectProblem(
        await callObjections("object", { token: world.token(EU.northwindAdmin), changeId: change }),
        409,
        "already_objected",
      );
      const resolved = await callObjections("resolve", { token: world.token(EU.compliance), id: open });
      expect(resolved.status, await resolved.clone().text()).toBe(200);
    });

    it("another organisation's people get 404 on the tenant's routes; a bad token 401; anonymous 401", async () => {
      const before = await objectionTotals(world.prisma);
      for (const r of OBJECTION_ROUTES) {
        const tenantRoute = r.path("t", "i").startsWith("/api/v1/tenants/");
        const other = await callObjections(r.name, {
          token: world.token(EU.kestrelViewer),
          id: open,
          changeId: change,
        });
        if (tenantRoute) {
          const hidden = await expectProblem(other, 404, "tenant_not_found");
          const unknown = await expectProblem(
            await callObjections(r.name, {
              token: world.token(EU.kestrelViewer),
              tenant: "no-such-tenant",
              changeId: change,
            }),
            404,
            "tenant_not_found",
          );
          expect(hidden).toEqual(unknown);
        } else {
          await expectProblem(other, 403, "forbidden");
        }
        await expectProblem(
          await callObjections(r.name, { token: generateTokenSecret().secret, id: open, changeId: change }),
          401,
          "invalid_token",
        );
        await expectProblem(await callObjections(r.name, { id: open, changeId: change }), 401, "unauthenticated");
      }
      expect(await objectionTotals(world.prisma)).toEqual(before);
    });
  });
});
