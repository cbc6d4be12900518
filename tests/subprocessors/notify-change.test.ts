import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { dispatchDueWebhooks } from "@/modules/notifications/server/deliver";
import { changeWords } from "@/modules/subprocessors/domain/change-words";
import { notifyChange } from "@/modules/subprocessors/server/notify-change";
import { stableId } from "@/prisma/seed/world";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { startReceiver, type Receiver } from "../notifications/receiver";
import { addEndpoint, clearWebhooks } from "../notifications/world";
import { announcedChange, entry, notifyNow, setSmtp } from "./notify-world";

const REGION = "eu-central-1";
const NORTHWIND = stableId("tenant", "northwind-eu");
const KESTREL = stableId("tenant", "kestrel-eu");

describe.each(DATABASE_KINDS)("notifyChange, on %s", (kind) => {
  const world = useSeededRegion(kind, REGION);
  const receivers: Receiver[] = [];

  beforeEach(async () => {
    setSmtp(undefined);
    await clearWebhooks(world.prisma);
  });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });

  async function receiver(): Promise<Receiver> {
    const r = await startReceiver();
    receivers.push(r);
    return r;
  }

  it("a tenant's webhook subscribed to change_announced receives a signed delivery the library verifies", async () => {
    const r = await receiver();
    const subscribed = await addEndpoint(world, r.url, ["subprocessor.change_announced"]);
    const other = await receiver();
    await addEndpoint(world, other.url, ["subprocessor.change_withdrawn"]);
    const change = await announcedChange(world.prisma, REGION);
    await notifyNow(world.prisma, change);

    const run = await dispatchDueWebhooks();
    await run.done;
    expect(r.received).toHaveLength(1);
    expect(other.received).toHaveLength(0);
    const [message] = r.received;
    const verified = new Webhook(subscribed.secret).verify(message!.body, {
      "webhook-id": String(message!.headers["webhook-id"]),
      "webhook-timestamp": String(message!.headers["webhook-timestamp"]),
      "webhook-signature": String(message!.headers["webhook-signature"]),
    });
    expect(verified).toEqual({
      type: "subprocessor.change_announced",
      timestamp: expect.any(String),
      data: {
        change_id: change.id,
        subprocessor_id: "postbox-mail",
        name: "Postbox Mail",
        kind: "add",
        state: "announced",
        effective_at: "2027-02-01T09:00:00.000Z",
        data_classes: ["contact_details", "customer_pii"],
        locations: ["DE", "IE"],
      },
    });
  });

  it("tells every tenant homed here in the app, its customer admins only, with the date in UTC", async () => {
    const change = await announcedChange(world.prisma, REGION);
    await notifyNow(world.prisma, change);
    const told = await world.prisma.notification.findMany({ where: { event: "subprocessor.change_announced" } });
    const admins = {
      [NORTHWIND]: [await world.userId(EU.northwindAdmin), await world.userId(EU.northwindAdmin2)].sort(),
      [KESTREL]: [await world.userId(EU.kestrelAdmin)],
    };
    expect(new Set(told.map((n) => n.tenantId))).toEqual(new Set([NORTHWIND, KESTREL]));
    for (const [tenant, ids] of Object.entries(admins))
      expect(
        told
          .filter((n) => n.tenantId === tenant)
          .map((n) => n.userId)
          .sort(),
      ).toEqual(ids);
    expect(told.find((n) => n.tenantId === NORTHWIND)).toMatchObject({
      title: "New subprocessor announced: Postbox Mail, from 1 Feb 2027, 09:00 UTC",
      link: "/t/northwind-eu/subprocessors",
    });
    expect(told[0]!.body).toContain("contact_details, customer_pii; in Germany, Ireland");
    // Nothing about the other regions' tenants, and no flag without a flagged tenant.
    expect(await world.prisma.notification.count({ where: { event: "subprocessor.unallowed_transfer" } })).toBe(0);
  });

  it("flags a tenant whose data no decision allows: its admins and the compliance officers, with an audit entry", async () => {
    const r = await receiver();
    const hook = await addEndpoint(world, r.url, ["subprocessor.unallowed_transfer"]);
    const change = await announcedChange(world.prisma, REGION);
    const auditBefore = await world.prisma.auditEntry.count({
      where: { action: "subprocessor.unallowed_transfer_flagged" },
    });
    await notifyNow(world.prisma, change, "subprocessor.change_announced", [
      { tenantId: NORTHWIND, slug: "northwind-eu", name: "Northwind Logistics EU", dataClasses: ["customer_pii"] },
    ]);
    const flags = await world.prisma.notification.findMany({ where: { event: "subprocessor.unallowed_transfer" } });
    const expected = [EU.northwindAdmin, EU.northwindAdmin2, EU.compliance, EU.compliance2];
    expect(flags.map((f) => f.userId).sort()).toEqual((await Promise.all(expected.map((e) => world.userId(e)))).sort());
    expect(flags.every((f) => f.tenantId === NORTHWIND)).toBe(true);
    expect(flags[0]!.title).toBe(
      "Postbox Mail would receive Northwind Logistics EU's data that no sharing decision allows",
    );
    expect(flags[0]!.body).toContain("that no sharing decision allows: customer_pii.");
    expect(flags[0]!.body).toContain("1 Feb 2027, 09:00 UTC");

    const audit = await world.prisma.auditEntry.findMany({
      where: { action: "subprocessor.unallowed_transfer_flagged" },
    });
    expect(audit).toHaveLength(auditBefore + 1);
    expect(audit.at(-1)).toMatchObject({
      tenantId: NORTHWIND,
      subject: `subprocessor_change:${change.id}`,
      actorType: "system",
      actorId: "subprocessor-register",
      details: { subprocessor_id: "postbox-mail", data_classes: ["customer_pii"], locations: ["DE", "IE"] },
    });

    await (
      await dispatchDueWebhooks()
    ).done;
    expect(r.received).toHaveLength(1);
    const payload = new Webhook(hook.secret).verify(r.received[0]!.body, {
      "webhook-id": String(r.received[0]!.headers["webhook-id"]),
      "webhook-timestamp": String(r.received[0]!.headers["webhook-timestamp"]),
      "webhook-signature": String(r.received[0]!.headers["webhook-signature"]),
    });
    expect(payload).toMatchObject({
      type: "subprocessor.unallowed_transfer",
      data: { change_id: change.id, tenant: "northwind-eu", unallowed_data_classes: ["customer_pii"] },
    });
  });

  it("writes nothing when the change's transaction rolls back", async () => {
    await addEndpoint(world, "http://127.0.0.1:9/never-called");
    const change = await announcedChange(world.prisma, REGION);
    const before = [
      await world.count("notifications"),
      await world.count("webhook_deliveries"),
      await world.count("audit_entries"),
    ];
    await expect(
      world.prisma.$transaction(async (tx) => {
        await notifyChange(tx, {
          change,
          event: "subprocessor.change_announced",
          flagged: [{ tenantId: KESTREL, slug: "kestrel-eu", name: "Kestrel Health Europe", dataClasses: ["health"] }],
        });
        throw new Error("the approval failed");
      }),
    ).rejects.toThrow("the approval failed");
    expect([
      await world.count("notifications"),
      await world.count("webhook_deliveries"),
      await world.count("audit_entries"),
    ]).toEqual(before);
  });

  it("says each moment in plain words", () => {
    const facts = { entry: entry(), effectiveAt: new Date("2027-02-01T09:00:00Z") };
    expect(changeWords({ ...facts, moment: "effective", kind: "add" }).title).toBe(
      "Postbox Mail is now a subprocessor (since 1 Feb 2027, 09:00 UTC)",
    );
    expect(changeWords({ ...facts, moment: "announced", kind: "retire" }).title).toBe(
      "Subprocessor Postbox Mail to be retired on 1 Feb 2027, 09:00 UTC",
    );
    expect(changeWords({ ...facts, moment: "withdrawn", kind: "add" }).body).toMatch(/^The change was withdrawn/);
    const long = changeWords({
      ...facts,
      entry: entry({ name: "N".repeat(300) }),
      moment: "announced",
      kind: "change",
    });
    expect(long.title.length).toBeLessThanOrEqual(200);
  });
});
