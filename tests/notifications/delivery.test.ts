import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { dispatchDueWebhooks } from "@/modules/notifications/server/deliver";
import { MAX_ATTEMPTS, RETRY_SCHEDULE_MS } from "@/modules/notifications/domain/retry";
import { databaseNow } from "@/platform/db/db-time";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { startReceiver, type Receiver } from "./receiver";
import { addEndpoint, clearWebhooks, notifyNow, SLUG, TENANT } from "./world";

describe.each(DATABASE_KINDS)("webhook delivery, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1");
  const receivers: Receiver[] = [];
  const receiver = async (answer?: (n: number) => number | "hang") => {
    const r = await startReceiver(answer);
    receivers.push(r);
    return r;
  };

  beforeEach(() => clearWebhooks(world.prisma));
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });

  async function runAt(now?: Date, timeoutMs?: number) {
    const dispatch = await dispatchDueWebhooks({ now, timeoutMs });
    return { claimed: dispatch.claimed, outcomes: await dispatch.done };
  }

  it("posts a signed Standard Webhooks message that the receiver verifies with the library", async () => {
    const r = await receiver();
    const endpoint = await addEndpoint(world, r.url);
    await notifyNow(world.prisma, { data: { request_id: "req-42", tenant: SLUG, hours: 2 } });
    const run = await runAt();
    expect(run.claimed).toBe(1);
    expect(r.received).toHaveLength(1);
    const [message] = r.received;
    expect(message!.headers["content-type"]).toBe("application/json");
    expect(message!.headers["webhook-id"]).toMatch(/^msg_[A-Za-z0-9_-]{22}$/);
    expect(message!.headers["webhook-signature"]).toMatch(/^v1,/);
    const verified = new Webhook(endpoint.secret).verify(message!.body, {
      "webhook-id": String(message!.headers["webhook-id"]),
      "webhook-timestamp": String(message!.headers["webhook-timestamp"]),
      "webhook-signature": String(message!.headers["webhook-signature"]),
    });
    expect(verified).toMatchObject({
      type: "support_access.request_created",
      data: { request_id: "req-42", tenant: SLUG, hours: 2 },
    });
    expect(Object.keys(JSON.parse(message!.body) as object)).toEqual(["type", "timestamp", "data"]);
    // Altered in transit, or signed with another secret: refused by the library.
    expect(() =>
      new Webhook(endpoint.secret).verify(message!.body.replace("req-42", "req-43"), {
        "webhook-id": String(message!.headers["webhook-id"]),
        "webhook-timestamp": String(message!.headers["webhook-timestamp"]),
        "webhook-signature": String(message!.headers["webhook-signature"]),
      }),
    ).toThrow();
    const delivery = await world.prisma.webhookDelivery.findFirstOrThrow({
      where: { endpointId: endpoint.id },
      include: { attemptLog: true },
    });
    expect(delivery).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200, lockedUntil: null });
    expect(delivery.attemptLog).toMatchObject([{ attempt: 1, statusCode: 200, error: null }]);
    // Nothing left to send.
    expect((await runAt()).claimed).toBe(0);
  });

  it("stores the secret only sealed", async () => {
    const r = await receiver();
    const endpoint = await addEndpoint(world, r.url);
    const row = await world.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const stored = Buffer.from(row.sealedSecret);
    expect(stored.includes(Buffer.from(endpoint.secret))).toBe(false);
    expect(stored.includes(Buffer.from(endpoint.secret.slice(6), "base64"))).toBe(false);
    const dump = JSON.stringify(
      await world.prisma.$queryRawUnsafe(`SELECT * FROM webhook_endpoints`),
      (_, v: unknown) => (typeof v === "bigint" ? String(v) : v),
    );
    expect(dump).not.toContain(endpoint.secret.slice(6, 30));
    const audit = await world.prisma.auditEntry.findFirstOrThrow({
      where: { action: "webhook.created", subject: `webhook:${endpoint.id}` },
    });
    expect(JSON.stringify(audit.details)).not.toContain(endpoint.secret.slice(6, 30));
  });

  it("retries a 500 on the schedule, with the same message id, and delivers it later", async () => {
    const r = await receiver((n) => (n === 1 ? 500 : 200));
    const endpoint = await addEndpoint(world, r.url);
    await notifyNow(world.prisma);
    const t0 = await databaseNow(world.prisma);
    expect((await runAt(t0)).outcomes).toMatchObject([{ ok: false, statusCode: 500 }]);
    const failed = await world.prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(failed).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: 500, lastError: "answered 500" });
    expect(failed.nextAttemptAt.getTime()).toBe(t0.getTime() + RETRY_SCHEDULE_MS[0]);
    // Not before its time.
    expect((await runAt(new Date(t0.getTime() + 4_000))).claimed).toBe(0);
    expect((await runAt(failed.nextAttemptAt)).outcomes).toMatchObject([{ ok: true, statusCode: 200 }]);
    expect(r.received).toHaveLength(2);
    expect(r.received[1]!.headers["webhook-id"]).toBe(r.received[0]!.headers["webhook-id"]);
    const done = await world.prisma.webhookDelivery.findFirstOrThrow({
      where: { endpointId: endpoint.id },
      include: { attemptLog: { orderBy: { attempt: "asc" } } },
    });
    expect(done).toMatchObject({ status: "delivered", attempts: 2 });
    expect(done.attemptLog.map((a) => a.statusCode)).toEqual([500, 200]);
    const after = await world.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(after).toMatchObject({ consecutiveFailures: 0, failingSince: null, disabledAt: null });
  });

  it("an endpoint that never answers delays nothing sent to another endpoint", async () => {
    const hanging = await receiver(() => "hang");
    const fine = await receiver();
    const slow = await addEndpoint(world, hanging.url);
    const quick = await addEndpoint(world, fine.url);
    await notifyNow(world.prisma);
    const first = await dispatchDueWebhooks({ timeoutMs: 4_000 });
    expect(first.claimed).toBe(2);
    let firstSettled = false;
    void first.done.then(() => (firstSettled = true));
    await fine.waitFor(1, 3_000);
    await hanging.waitFor(1, 3_000);
    // While the hanging endpoint is still being waited for, a new event reaches the other one.
    await notifyNow(world.prisma, { event: "support_access.request_approved", title: "Support access approved" });
    const second = await dispatchDueWebhooks({ timeoutMs: 4_000 });
    expect(second.claimed).toBe(1);
    expect(await second.done).toMatchObject([{ endpointId: quick.id, ok: true }]);
    expect(fine.received).toHaveLength(2);
    expect(firstSettled).toBe(false);
    expect(await first.done).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ endpointId: slow.id, ok: false, statusCode: null, error: "no answer within 4 s" }),
        expect.objectContaining({ endpointId: quick.id, ok: true }),
      ]),
    );
    const stuck = await world.prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId: slow.id } });
    expect(stuck).toMatchObject({ status: "failed", attempts: 1, lastError: "no answer within 4 s" });
  }, 20_000);

  it("gives a message up after the whole schedule and disables an endpoint that failed for over 24 hours", async () => {
    const r = await receiver(() => 500);
    const other = await receiver();
    const endpoint = await addEndpoint(world, r.url);
    await addEndpoint(world, other.url, ["webhook.endpoint_disabled"]);
    await notifyNow(world.prisma, { event: "support_access.grant_revoked", title: "Support access revoked" });
    let now = await databaseNow(world.prisma);
    const t0 = now;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const run = await runAt(now);
      expect(
        run.outcomes.filter((o) => o.endpointId === endpoint.id),
        `attempt ${attempt}`,
      ).toHaveLength(1);
      const d = await world.prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
      expect(d.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) {
        expect(d.status).toBe("failed");
        expect(d.nextAttemptAt.getTime() - now.getTime()).toBe(RETRY_SCHEDULE_MS[attempt - 1]);
        now = d.nextAttemptAt;
      } else {
        expect(d.status).toBe("dead");
      }
    }
    expect(r.received).toHaveLength(MAX_ATTEMPTS);
    expect(now.getTime() - t0.getTime()).toBeGreaterThan(24 * 3_600_000);
    const disabled = await world.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(disabled.disabledAt).not.toBeNull();
    expect(disabled.disabledReason).toMatch(/failed for more than 24 hours/);
    expect(disabled.consecutiveFailures).toBe(MAX_ATTEMPTS);
    expect(disabled.failingSince?.getTime()).toBe(t0.getTime());
    const audit = await world.prisma.auditEntry.findMany({
      where: { action: "webhook.auto_disabled", subject: `webhook:${endpoint.id}` },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "system", actorId: "webhook-delivery", tenantId: TENANT });
    // The tenant's admins are told, in the app (and the other endpoint by webhook).
    const admins = [await world.userId(EU.northwindAdmin), await world.userId(EU.northwindAdmin2)];
    const told = await world.prisma.notification.findMany({ where: { event: "webhook.endpoint_disabled" } });
    expect(told.map((n) => n.userId).sort()).toEqual(admins.sort());
    expect(told[0]).toMatchObject({ tenantId: TENANT, link: `/t/${SLUG}/settings/webhooks` });
    await runAt(now);
    expect(JSON.parse(other.received.at(-1)!.body)).toMatchObject({
      type: "webhook.endpoint_disabled",
      data: { endpoint_id: endpoint.id, url: r.url },
    });
    // Disabled: nothing more is claimed for it.
    await notifyNow(world.prisma);
    await runAt(new Date(now.getTime() + 60_000));
    expect(r.received).toHaveLength(MAX_ATTEMPTS);
  }, 30_000);

  it("a 410 Gone gives the message up and disables the endpoint at once", async () => {
    const r = await receiver(() => 410);
    const endpoint = await addEndpoint(world, r.url);
    await notifyNow(world.prisma);
    await runAt();
    expect(await world.prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } })).toMatchObject({
      status: "dead",
      attempts: 1,
      lastStatusCode: 410,
    });
    const row = await world.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.disabledReason).toMatch(/410 Gone/);
  });

  it("a failure that recovers within 24 hours does not disable the endpoint", async () => {
    let failing = true;
    const r = await receiver(() => (failing ? 503 : 200));
    const endpoint = await addEndpoint(world, r.url);
    await notifyNow(world.prisma);
    let now = await databaseNow(world.prisma);
    for (let i = 0; i < 3; i++) {
      await runAt(now);
      now = (await world.prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } })).nextAttemptAt;
    }
    failing = false;
    await runAt(now);
    const row = await world.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row).toMatchObject({ disabledAt: null, consecutiveFailures: 0, failingSince: null });
  });
});
