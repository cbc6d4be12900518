import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { notify } from "@/modules/notifications/server/notify";
import { recipientsFor } from "@/modules/notifications/server/recipients";
import { closeEmailTransport, sendDueEmails } from "@/modules/notifications/server/email";
import { dispatchDueWebhooks } from "@/modules/notifications/server/deliver";
import { NOTIFICATION_EVENTS } from "@/modules/notifications/domain/events";
import { databaseNow } from "@/platform/db/db-time";
import { resetEnvCache } from "@/platform/env";
import { stableId } from "@/prisma/seed/world";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { startReceiver } from "./receiver";
import { addEndpoint, clearWebhooks, input, notifyNow, TENANT } from "./world";

function setSmtp(url: string | undefined, from = "Terrane <notifications@terrane.example>") {
  if (url) {
    process.env.SMTP_URL = url;
    process.env.SMTP_FROM = from;
  } else {
    delete process.env.SMTP_URL;
    delete process.env.SMTP_FROM;
  }
  resetEnvCache();
  closeEmailTransport();
}

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on an ephemeral loopback port; `reject` makes it refuse every recipient. */
async function startSmtp(options: { reject?: boolean } = {}) {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.reject) callback(new Error("550 mailbox unavailable"));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The text part of a raw message, quoted-printable soft breaks undone. */
function textOf(raw: string): string {
  const body = raw.slice(raw.indexOf("\r\n\r\n") + 4);
  return body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

describe.each(DATABASE_KINDS)("notify and recipients, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1");

  beforeEach(async () => {
    setSmtp(undefined);
    await clearWebhooks(world.prisma);
  });
  afterAll(() => setSmtp(undefined));

  it("writes nothing when the caller's transaction rolls back, and everything when it commits", async () => {
    const admin = await world.userId(EU.northwindAdmin);
    await addEndpoint(world, "http://127.0.0.1:9/never-called");
    const before = { n: await world.count("notifications"), d: await world.count("webhook_deliveries") };
    await expect(
      world.prisma.$transaction(async (tx) => {
        await notify(tx, input({ recipients: [admin] }));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await world.count("notifications")).toBe(before.n);
    expect(await world.count("webhook_deliveries")).toBe(before.d);

    await notifyNow(world.prisma, { recipients: [admin, admin] });
    expect(await world.prisma.notification.findMany({ where: { userId: admin } })).toMatchObject([
      { tenantId: TENANT, event: "support_access.request_created", link: "/t/northwind-eu/support", readAt: null },
    ]);
    expect(await world.count("webhook_deliveries")).toBe(before.d + 1);
  });

  it("queues one delivery per enabled endpoint subscribed to the event, sharing one message id", async () => {
    const all = await addEndpoint(world, "http://127.0.0.1:9/all");
    const revoked = await addEndpoint(world, "http://127.0.0.1:9/revoked", ["support_access.grant_revoked"]);
    const created = await addEndpoint(world, "http://127.0.0.1:9/created", ["support_access.request_created"]);
    const disabled = await addEndpoint(world, "http://127.0.0.1:9/disabled");
    await world.prisma.webhookEndpoint.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    // Another tenant's endpoint never hears of Northwind.
    await world.prisma.webhookEndpoint.create({
      data: {
        tenantId: stableId("tenant", "kestrel-eu"),
        url: "http://127.0.0.1:9/kestrel",
        events: [],
        sealedSecret: new Uint8Array([1]),
        createdById: "x",
      },
    });
    await notifyNow(world.prisma);
    const deliveries = await world.prisma.webhookDelivery.findMany();
    expect(deliveries.map((d) => d.endpointId).sort()).toEqual([all.id, created.id].sort());
    expect(new Set(deliveries.map((d) => d.messageId)).size).toBe(1);
    expect(deliveries[0]!.payload).toMatchObject({
      type: "support_access.request_created",
      data: { request_id: "req-1" },
    });
    expect(deliveries.every((d) => d.status === "pending" && d.attempts === 0)).toBe(true);
    expect(revoked.id).not.toBe(all.id);
  });

  it("refuses an unknown event or a link that is not a portal path (the caller's transaction fails)", async () => {
    for (const bad of [
      input({ event: "support_access.nope" as never }),
      input({ link: "https://evil.example/x" }),
      input({ link: "//evil.example/x" }),
      input({ title: "" }),
    ]) {
      await expect(world.prisma.$transaction((tx) => notify(tx, bad))).rejects.toThrow(/notify:/);
    }
    expect(await world.count("notifications")).toBe(0);
  });

  it("every event has words, and names are unique", () => {
    const names = NOTIFICATION_EVENTS.map((e) => e.event);
    expect(new Set(names).size).toBe(names.length);
    for (const e of NOTIFICATION_EVENTS) expect(e.label.length, e.event).toBeGreaterThan(3);
  });

  it("finds the tenant's live admins and the region's provider staff, each once", async () => {
    const ids = async (emails: string[]) => Promise.all(emails.map((e) => world.userId(e)));
    const [admin, kestrelAdmin] = await ids([EU.northwindAdmin, EU.kestrelAdmin]);
    const officers = await world.prisma.user.findMany({ where: { providerRole: "compliance_officer" } });
    const providerAdmins = await world.prisma.user.findMany({ where: { providerRole: "provider_admin" } });
    const admins = await world.prisma.$transaction((tx) => recipientsFor(tx, TENANT, ["customer_admins"]));
    expect(admins).toContain(admin);
    expect(admins).not.toContain(kestrelAdmin);
    expect(admins).not.toContain(await world.userId(EU.northwindViewer));

    const staff = await world.prisma.$transaction((tx) =>
      recipientsFor(tx, TENANT, ["compliance_officers", "provider_admins", "compliance_officers"]),
    );
    expect(staff.sort()).toEqual([...officers, ...providerAdmins].map((u) => u.id).sort());
    expect(new Set(staff).size).toBe(staff.length);

    // An expired membership or a disabled account is nobody to tell.
    const membership = await world.prisma.membership.findFirstOrThrow({ where: { userId: admin, tenantId: TENANT } });
    await world.prisma.membership.update({
      where: { id: membership.id },
      data: { expiresAt: new Date((await databaseNow(world.prisma)).getTime() - 1000) },
    });
    expect(await world.prisma.$transaction((tx) => recipientsFor(tx, TENANT, ["customer_admins"]))).not.toContain(
      admin,
    );
    await world.prisma.membership.update({ where: { id: membership.id }, data: { expiresAt: null } });
    const officer = officers[0]!;
    await world.prisma.user.update({ where: { id: officer.id }, data: { disabledAt: new Date() } });
    expect(await world.prisma.$transaction((tx) => recipientsFor(tx, TENANT, ["compliance_officers"]))).not.toContain(
      officer.id,
    );
    await world.prisma.user.update({ where: { id: officer.id }, data: { disabledAt: null } });
  });

  it("without SMTP configured, queues no e-mail", async () => {
    await notifyNow(world.prisma, { recipients: [await world.userId(EU.northwindAdmin)] });
    expect(await world.count("notification_emails")).toBe(0);
    expect(await sendDueEmails()).toEqual({ sent: 0, failed: 0 });
  });

  it("e-mails each recipient through a real SMTP server, in plain text with no sign-in link", async () => {
    const smtp = await startSmtp();
    try {
      setSmtp(smtp.url);
      const admin = await world.userId(EU.northwindAdmin);
      const viewer = await world.userId(EU.northwindViewer);
      await notifyNow(world.prisma, { recipients: [admin, viewer] });
      expect(await world.count("notification_emails")).toBe(2);
      expect(await sendDueEmails()).toEqual({ sent: 2, failed: 0 });
      expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual([EU.northwindAdmin, EU.northwindViewer].sort());
      const mail = smtp.mails[0]!;
      expect(mail.from).toBe("notifications@terrane.example");
      expect(mail.raw).toMatch(/^Subject: \[Terrane\] Support access requested for northwind-eu\r$/m);
      expect(mail.raw).toMatch(/^Content-Type: text\/plain/m);
      const text = textOf(mail.raw);
      expect(text).toContain("Sam Support asked to read customer_pii for 2 hours (ticket NW-1234).");
      expect(text).toMatch(/Open it in Terrane \(eu-central-1\): https?:\/\/\S+\/t\/northwind-eu\/support/);
      // Only plain portal paths: nothing that signs anyone in.
      expect(text).not.toMatch(/token|callback|signin|session|trn_/i);
      expect(await world.prisma.notificationEmail.count({ where: { status: "sent" } })).toBe(2);
      expect(await sendDueEmails()).toEqual({ sent: 0, failed: 0 });
    } finally {
      await smtp.close();
    }
  });

  it("a refused e-mail is retried later, then given up; the notification itself stands", async () => {
    const smtp = await startSmtp({ reject: true });
    try {
      setSmtp(smtp.url);
      const admin = await world.userId(EU.northwindAdmin);
      await notifyNow(world.prisma, { recipients: [admin] });
      const t0 = await databaseNow(world.prisma);
      expect(await sendDueEmails({ now: t0 })).toEqual({ sent: 0, failed: 1 });
      const mail = await world.prisma.notificationEmail.findFirstOrThrow();
      expect(mail).toMatchObject({ status: "failed", attempts: 1 });
      expect(mail.lastError).toMatch(/550|mailbox/);
      expect(mail.nextAttemptAt.getTime()).toBe(t0.getTime() + 5_000);
      expect(await sendDueEmails({ now: t0 })).toEqual({ sent: 0, failed: 0 });
      let now = mail.nextAttemptAt;
      for (let i = 2; i <= 8; i++) {
        await sendDueEmails({ now });
        now = (await world.prisma.notificationEmail.findFirstOrThrow()).nextAttemptAt;
      }
      expect(await world.prisma.notificationEmail.findFirstOrThrow()).toMatchObject({ status: "dead", attempts: 8 });
      expect(await world.prisma.notification.count({ where: { userId: admin } })).toBe(1);
    } finally {
      await smtp.close();
    }
  }, 30_000);

  it("concurrent workers never post one delivery twice (SKIP LOCKED)", async () => {
    const receivers = await Promise.all([1, 2, 3, 4].map(() => startReceiver()));
    try {
      for (const r of receivers) await addEndpoint(world, r.url);
      for (let i = 0; i < 3; i++) await notifyNow(world.prisma);
      const runs = await Promise.all([dispatchDueWebhooks(), dispatchDueWebhooks(), dispatchDueWebhooks()]);
      await Promise.all(runs.map((r) => r.done));
      expect(runs.reduce((n, r) => n + r.claimed, 0)).toBe(12);
      for (const r of receivers) {
        expect(r.received).toHaveLength(3);
        expect(new Set(r.received.map((m) => m.headers["webhook-id"])).size).toBe(3);
      }
    } finally {
      await Promise.all(receivers.map((r) => r.close()));
    }
  });
});
