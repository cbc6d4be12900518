import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateTokenSecret } from "@/modules/identity/domain/token-secret";
import { listWebhooks } from "@/modules/notifications/server/webhooks";
import {
  listMyNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from "@/modules/notifications/server/inbox";
import { DATABASE_KINDS } from "../helpers/databases";
import { expectProblem } from "../helpers/http";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { callWebhooks, notificationCalls, WEBHOOK_ROUTES, webhookTotals } from "./routes";
import { addEndpoint, clearWebhooks, notifyNow, ORIGIN, SLUG, TENANT } from "./world";
import { stableId } from "@/prisma/seed/world";

const EVERYONE = [
  EU.northwindAdmin,
  EU.northwindViewer,
  EU.northwindAuditor,
  EU.compliance,
  EU.compliance2,
  EU.support,
  EU.providerAdmin,
];
const NOT_ADMINS = EVERYONE.filter((e) => e !== EU.northwindAdmin);
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

describe.each(DATABASE_KINDS)("webhook routes: who may do what, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1");
  let endpointId: string;

  beforeAll(async () => {
    // Kim administers kestrel-eu and, from now on, northwind-eu too; her token is kestrel-eu's.
    await world.prisma.membership.create({
      data: { userId: await world.userId(EU.kestrelAdmin), tenantId: TENANT, role: "customer_admin" },
    });
  });
  beforeEach(async () => {
    await clearWebhooks(world.prisma);
    endpointId = (await addEndpoint(world, "http://127.0.0.1:9/hook")).id;
  });

  it("the tenant's admin takes every step through the API, each audited", async () => {
    const token = world.token(EU.northwindAdmin);
    const run = (name: string) =>
      callWebhooks(
        WEBHOOK_ROUTES.find((r) => r.name === name)!,
        SLUG,
        endpointId,
        { token },
      );
    const list = await run("list");
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({
      webhooks: [{ id: endpointId, state: "enabled", url: "http://127.0.0.1:9/hook" }],
      allowed_actions: ["webhooks.read", "webhooks.manage"],
    });
    const created = await run("create");
    expect(created.status).toBe(201);
    const body = (await created.json()) as { secret: string; url: string; events: string[] };
    expect(body.secret).toMatch(/^whsec_/);
    expect(body).toMatchObject({ url: "https://hooks.northwind.example/terrane", events: [] });
    // The secret is never listed again.
    expect(JSON.stringify(await (await run("list")).json())).not.toContain(body.secret);
    expect((await run("test")).status).toBe(202);
    expect((await run("disable")).status).toBe(200);
    expect(await (await run("disable")).json()).toMatchObject({ webhook: { state: "disabled" } });
    expect((await run("enable")).status).toBe(200);
    const log = (await (await run("deliveries")).json()) as { deliveries: { event_type: string; status: string }[] };
    expect(log.deliveries).toMatchObject([{ event_type: "webhook.test", status: "pending" }]);
    const audit = await world.prisma.auditEntry.findMany({
      where: { tenantId: TENANT, action: { startsWith: "webhook." } },
      orderBy: { seq: "asc" },
    });
    // The seed helper's endpoint, the API's, the test ping, one disable (the second changed nothing), one enable.
    expect(audit.map((a) => a.action)).toEqual([
      "webhook.created",
      "webhook.created",
      "webhook.test_sent",
      "webhook.disabled",
      "webhook.enabled",
    ]);
  });

  it("every other role is refused with 403 on every route, and nothing changes", async () => {
    const before = await webhookTotals(world.prisma);
    for (const r of WEBHOOK_ROUTES) {
      for (const email of NOT_ADMINS)
        await expectProblem(await callWebhooks(r, SLUG, endpointId, { token: world.token(email) }), 403, "forbidden");
    }
    expect(await webhookTotals(world.prisma)).toEqual(before);
    // Refused changes are evidence for the tenant's admins.
    const denied = await world.prisma.auditEntry.findMany({ where: { tenantId: TENANT, action: "access.denied" } });
    expect(denied.map((d) => (d.details as { attempted_action: string }).attempted_action)).toContain(
      "webhooks.manage",
    );
  });

  it("a non-member gets 404 as for an unknown tenant; a token of another tenant 403; an unknown token 401", async () => {
    const before = await webhookTotals(world.prisma);
    for (const r of WEBHOOK_ROUTES) {
      const notMember = await expectProblem(
        await callWebhooks(r, SLUG, endpointId, { token: world.token(EU.kestrelViewer) }),
        404,
        "tenant_not_found",
      );
      const unknown = await expectProblem(
        await callWebhooks(r, "no-such-tenant", endpointId, { token: world.token(EU.kestrelViewer) }),
        404,
        "tenant_not_found",
      );
      expect(notMember).toEqual(unknown);
      const scoped = await expectProblem(
        await callWebhooks(r, SLUG, endpointId, { token: world.token(EU.kestrelAdmin) }),
        403,
        "forbidden",
      );
      expect(scoped.detail).toMatch(/scoped to another tenant/);
      await expectProblem(
        await callWebhooks(r, SLUG, endpointId, { token: generateTokenSecret().secret }),
        401,
        "invalid_token",
      );
    }
    expect(await webhookTotals(world.prisma)).toEqual(before);
  });

  it("anonymous callers are refused (401) by the data layer", async () => {
    const anon = { type: "anonymous" as const };
    await expect(listWebhooks(anon, SLUG, ORIGIN)).rejects.toMatchObject({ status: 401 });
    await expect(listMyNotifications(anon)).rejects.toMatchObject({ status: 401 });
    await expect(markNotificationRead(anon, UNKNOWN)).rejects.toMatchObject({ status: 401 });
    await expect(markAllNotificationsRead(anon)).rejects.toMatchObject({ status: 401 });
  });

  it("another tenant's endpoint is not found through this tenant (no lookup by id alone)", async () => {
    const kestrel = await world.prisma.webhookEndpoint.create({
      data: {
        tenantId: stableId("tenant", "kestrel-eu"),
        url: "https://hooks.kestrel.example/x",
        events: [],
        sealedSecret: new Uint8Array([1]),
        createdById: "x",
      },
    });
    const before = await webhookTotals(world.prisma);
    for (const r of WEBHOOK_ROUTES.filter((x) => x.endpoint)) {
      for (const id of [kestrel.id, UNKNOWN, "not-an-id"])
        await expectProblem(
          await callWebhooks(r, SLUG, id, { token: world.token(EU.northwindAdmin) }),
          404,
          "webhook_not_found",
        );
    }
    expect(await webhookTotals(world.prisma)).toEqual(before);
  });

  it("bad input is a precise 400 and nothing changes", async () => {
    const create = WEBHOOK_ROUTES.find((r) => r.name === "create")!;
    const token = world.token(EU.northwindAdmin);
    const before = await webhookTotals(world.prisma);
    const cases: [unknown, string][] = [
      [{ url: "ftp://files.example/x" }, "webhook_url_refused"],
      [{ url: "https://user:pw@hooks.example/x" }, "webhook_url_refused"],
      [{ url: "http://hooks.example/x" }, "webhook_url_refused"],
      [{ url: "https://169.254.169.254/latest/meta-data" }, "webhook_url_refused"],
      [{ url: "https://hooks.example/x#frag" }, "webhook_url_refused"],
      [{ url: "not a url" }, "webhook_url_refused"],
      [{ url: "" }, "invalid_body"],
      [{ url: `https://hooks.example/${"a".repeat(2100)}` }, "invalid_body"],
      [{ url: "https://hooks.example/x", events: ["support_access.nope"] }, "invalid_body"],
      [{ url: "https://hooks.example/x", events: ["webhook.test"] }, "invalid_body"],
      [
        { url: "https://hooks.example/x", events: ["support_access.grant_revoked", "support_access.grant_revoked"] },
        "invalid_body",
      ],
      [{ url: "https://hooks.example/x", secret: "whsec_mine" }, "invalid_body"],
      [{ url: 42 }, "invalid_body"],
      [{ url: "https://hooks.example/x\u0000" }, "invalid_text"],
    ];
    for (const [body, code] of cases) {
      const problem = await expectProblem(await callWebhooks(create, SLUG, "", { token, body }), 400, code);
      expect(problem.detail.length, JSON.stringify(body)).toBeGreaterThan(5);
    }
    await expectProblem(await callWebhooks(create, SLUG, "", { token, text: "{not json" }), 400, "malformed_json");
    expect(await webhookTotals(world.prisma)).toEqual(before);
  });

  it("a test ping to a disabled endpoint is refused with 400", async () => {
    const token = world.token(EU.northwindAdmin);
    const route = (name: string) => WEBHOOK_ROUTES.find((r) => r.name === name)!;
    expect((await callWebhooks(route("disable"), SLUG, endpointId, { token })).status).toBe(200);
    const before = await webhookTotals(world.prisma);
    await expectProblem(await callWebhooks(route("test"), SLUG, endpointId, { token }), 400, "webhook_disabled");
    expect(await webhookTotals(world.prisma)).toEqual(before);
  });
});

describe.each(DATABASE_KINDS)("notification routes: each person's own, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1");

  beforeEach(() => clearWebhooks(world.prisma));

  it("everyone lists and marks their own notifications, with a session or a personal token", async () => {
    const ids = await Promise.all(EVERYONE.map((e) => world.userId(e)));
    await notifyNow(world.prisma, { recipients: ids });
    await notifyNow(world.prisma, {
      recipients: ids,
      event: "support_access.grant_revoked",
      title: "Support access revoked",
    });
    for (const email of EVERYONE) {
      const token = world.token(email);
      const res = await notificationCalls.list({ token });
      expect(res.status, email).toBe(200);
      const list = (await res.json()) as {
        notifications: { id: string; tenant: string; event_label: string }[];
        unread: number;
      };
      expect(list.unread, email).toBe(2);
      expect(list.notifications).toHaveLength(2);
      expect(list.notifications[0]).toMatchObject({ tenant: SLUG, event_label: "Support access revoked" });
      const read = await notificationCalls.read(list.notifications[0]!.id, { token });
      expect(read.status).toBe(200);
      expect(await read.json()).toMatchObject({ unread: 1, notification: { id: list.notifications[0]!.id } });
      const unread = (await (await notificationCalls.list({ token, query: "?unread=true" })).json()) as {
        notifications: unknown[];
      };
      expect(unread.notifications).toHaveLength(1);
      expect(await (await notificationCalls.readAll({ token })).json()).toEqual({ marked: 1, unread: 0 });
    }
    // Through the browser session too (the data layer the route calls).
    const session = await world.session(EU.northwindAdmin);
    expect((await listMyNotifications(session)).unread).toBe(0);
  });

  it("nobody reads or marks another person's notification (404, nothing changed)", async () => {
    const admin = await world.userId(EU.northwindAdmin);
    await notifyNow(world.prisma, { recipients: [admin] });
    const mine = await world.prisma.notification.findFirstOrThrow({ where: { userId: admin } });
    for (const email of EVERYONE.filter((e) => e !== EU.northwindAdmin)) {
      const list = (await (await notificationCalls.list({ token: world.token(email) })).json()) as {
        notifications: unknown[];
      };
      expect(list.notifications, email).toEqual([]);
      await expectProblem(
        await notificationCalls.read(mine.id, { token: world.token(email) }),
        404,
        "notification_not_found",
      );
      await notificationCalls.readAll({ token: world.token(email) });
    }
    expect((await world.prisma.notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).toBeNull();
  });

  it("a tenant-scoped token sees only its tenant's notifications", async () => {
    const kim = await world.userId(EU.kestrelAdmin);
    await notifyNow(world.prisma, { recipients: [kim] });
    await notifyNow(world.prisma, { recipients: [kim], tenantId: stableId("tenant", "kestrel-eu") });
    const viaToken = (await (await notificationCalls.list({ token: world.token(EU.kestrelAdmin) })).json()) as {
      notifications: { tenant: string }[];
      unread: number;
    };
    expect(viaToken.notifications.map((n) => n.tenant)).toEqual(["kestrel-eu"]);
    expect(viaToken.unread).toBe(1);
    expect((await listMyNotifications(await world.session(EU.kestrelAdmin))).unread).toBe(2);
  });

  it("bad input: a bad query is 400, a malformed or unknown id 404, an unknown token 401", async () => {
    const token = world.token(EU.northwindViewer);
    await expectProblem(await notificationCalls.list({ token, query: "?unread=yes" }), 400, "invalid_query");
    await expectProblem(await notificationCalls.list({ token, query: "?page=2" }), 400, "invalid_query");
    await expectProblem(await notificationCalls.read("not-an-id", { token }), 404, "notification_not_found");
    await expectProblem(await notificationCalls.read(UNKNOWN, { token }), 404, "notification_not_found");
    await expectProblem(await notificationCalls.list({ token: generateTokenSecret().secret }), 401, "invalid_token");
  });
});
