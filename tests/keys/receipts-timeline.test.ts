import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { disableKey, enableKey } from "@/modules/keys/server/lifecycle";
import { onKeyStateChange } from "@/modules/keys/server/state-channel";
import { keyTimeline } from "@/modules/keys/server/timeline";
import { flushKeyUse, hourOf } from "@/modules/keys/server/usage-counter";
import { databaseNow } from "@/platform/db/db-time";
import { instanceId } from "@/platform/jobs/instance-id";
import { startKeyServices } from "@/modules/keys/server/services";
import { INSTANCE_LIVENESS_MS, registerInstance } from "@/platform/region/instances";
import {
  completeOverdueReceipts,
  probeUntilRevoked,
  RECEIPT_DEADLINE_MS,
  type ReceiptBody,
} from "@/modules/keys/server/revocation";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU } from "../helpers/seeded-region";
import {
  decryptEverything,
  expectReceiptSigned,
  ORIGIN,
  primaryKeyId,
  readOutcomes,
  tenantId,
  totals,
  useKeyWorld,
  waitFor,
} from "../helpers/keys-world";

const SLUG = "northwind-eu";
const TENANT = tenantId(SLUG);

describe.each(DATABASE_KINDS)("receipts, concurrency and the key timeline on %s", (kind) => {
  const world = useKeyWorld(kind);
  let keyId: string;
  let stopProbes: () => void;
  beforeAll(async () => {
    keyId = await primaryKeyId(world.prisma, SLUG);
    stopProbes = onKeyStateChange((news) => void probeUntilRevoked(news));
  });
  afterAll(() => stopProbes?.());
  const admin = () => world.session(EU.northwindAdmin);

  it("two disables at once: one wins, the other is refused, one event recorded", async () => {
    const before = await totals(world.prisma);
    const actor = await admin();
    const results = await Promise.allSettled([
      disableKey(actor, SLUG, keyId, SLUG, ORIGIN),
      disableKey(actor, SLUG, keyId, SLUG, ORIGIN),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ status: 409, code: "key_state_conflict" });
    const after = await world.prisma.keyEvent.count({ where: { keyId, type: "disabled" } });
    expect(after).toBe(1);
    expect((await totals(world.prisma)).events).toBe(before.events + 1);
    const receipts = await world.prisma.revocationReceipt.findMany({ where: { keyId } });
    expect(receipts).toHaveLength(1);
    await waitFor(
      "the receipt",
      async () =>
        (await world.prisma.revocationReceipt.findUniqueOrThrow({ where: { id: receipts[0]!.id } })).status !==
        "pending",
    );
    await enableKey(actor, SLUG, keyId, ORIGIN);
  });

  // PGlite runs inside this process and reads the same (shifted) clock: only a server shows skew.
  it.runIf(kind === "postgres")(
    "receipt times are on the database's clock: an instance whose clock runs 5 s fast still reports the real delay",
    async () => {
      const actor = await admin();
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 5_000, shouldAdvanceTime: true });
      try {
        const { receipt } = await disableKey(actor, SLUG, keyId, SLUG, ORIGIN);
        await waitFor(
          "the receipt",
          async () =>
            (await world.prisma.revocationReceipt.findUniqueOrThrow({ where: { id: receipt!.id } })).status !==
            "pending",
        );
        const done = await world.prisma.revocationReceipt.findUniqueOrThrow({
          where: { id: receipt!.id },
          include: { probes: true },
        });
        expect(done.status).toBe("complete");
        // Without the offset this would read about 5,000 ms: the skew, not the revocation.
        expect(done.maxMs).toBeGreaterThanOrEqual(0);
        expect(done.maxMs).toBeLessThan(2_000);
        expect(done.probes[0]!.failedAt.getTime()).toBeGreaterThanOrEqual(done.disabledAt.getTime());
      } finally {
        vi.useRealTimers();
      }
      await enableKey(actor, SLUG, keyId, ORIGIN);
    },
  );

  it("an instance that never reports is named as missing, and the receipt is signed as incomplete after the deadline", async () => {
    const silent = `silent-${randomUUID()}`;
    await world.prisma.regionInstance.create({
      data: { id: silent, host: "elsewhere", pid: 1, lastSeenAt: new Date() },
    });
    const { receipt } = await disableKey(await admin(), SLUG, keyId, SLUG, ORIGIN);
    // Our own probe reports; the silent one never will, so the receipt waits.
    await waitFor(
      "our probe",
      async () => (await world.prisma.revocationProbe.count({ where: { receiptId: receipt!.id } })) === 1,
    );
    expect((await world.prisma.revocationReceipt.findUniqueOrThrow({ where: { id: receipt!.id } })).status).toBe(
      "pending",
    );
    // Still beating (alive but silent about the key): not yet overdue, and not given up on.
    await world.prisma.regionInstance.update({
      where: { id: silent },
      data: { lastSeenAt: await databaseNow(world.prisma) },
    });
    expect(await completeOverdueReceipts(world.prisma, new Date())).toBe(0);
    expect(await completeOverdueReceipts(world.prisma, new Date(Date.now() + RECEIPT_DEADLINE_MS + 5_000))).toBe(1);
    const done = await world.prisma.revocationReceipt.findUniqueOrThrow({ where: { id: receipt!.id } });
    expect(done.status).toBe("incomplete");
    expect(done.body).toMatchObject({ complete: false, missing: [silent] });
    await expectReceiptSigned(world.prisma, done);
    const audit = await world.prisma.auditEntry.findFirstOrThrow({
      where: { action: "key.revocation_receipt", details: { path: ["receipt_id"], equals: receipt!.id } },
    });
    expect(audit.outcome).toBe("failure");
    await world.prisma.regionInstance.delete({ where: { id: silent } });
    await enableKey(await admin(), SLUG, keyId, ORIGIN);
  });

  it("an instance that died before the disable (no heartbeat within the liveness window) is not waited for, and the receipt names it as gone", async () => {
    const dead = `dead-${randomUUID()}`;
    const lastHeartbeat = new Date((await databaseNow(world.prisma)).getTime() - INSTANCE_LIVENESS_MS - 1_000);
    await world.prisma.regionInstance.create({
      data: { id: dead, host: "elsewhere", pid: 1, lastSeenAt: lastHeartbeat },
    });
    const { receipt } = await disableKey(await admin(), SLUG, keyId, SLUG, ORIGIN);
    const opened = await world.prisma.revocationReceipt.findUniqueOrThrow({ where: { id: receipt!.id } });
    expect(opened.expected).toEqual([instanceId()]);
    const done = await waitFor("the receipt", async () => {
      const r = await world.prisma.revocationReceipt.findUniqueOrThrow({ where: { id: receipt!.id } });
      return r.status === "pending" ? null : r;
    });
    expect(done.status).toBe("complete");
    const body = done.body as unknown as ReceiptBody;
    expect(body).toMatchObject({ complete: true, missing: [], instances: [{ instance: instanceId() }] });
    expect(body.instances_gone).toEqual([{ instance: dead, last_heartbeat_at: lastHeartbeat.toISOString() }]);
    await expectReceiptSigned(world.prisma, done);
    await world.prisma.regionInstance.delete({ where: { id: dead } });
    await enableKey(await admin(), SLUG, keyId, ORIGIN);
  });

  it("an instance that stops while the receipt waits for it: the receipt is completed as incomplete at once, not at the deadline", async () => {
    const leaving = `leaving-${randomUUID()}`;
    await world.prisma.regionInstance.create({
      data: { id: leaving, host: "elsewhere", pid: 1, lastSeenAt: await databaseNow(world.prisma) },
    });
    const { receipt } = await disableKey(await admin(), SLUG, keyId, SLUG, ORIGIN);
    await waitFor(
      "our probe",
      async () => (await world.prisma.revocationProbe.count({ where: { receiptId: receipt!.id } })) === 1,
    );
    expect(await completeOverdueReceipts(world.prisma, new Date())).toBe(0);
    // It stops cleanly (deregisters) without having probed: nobody is left to report.
    await world.prisma.regionInstance.delete({ where: { id: leaving } });
    expect(await completeOverdueReceipts(world.prisma, new Date())).toBe(1);
    const done = await world.prisma.revocationReceipt.findUniqueOrThrow({ where: { id: receipt!.id } });
    expect(done.status).toBe("incomplete");
    expect(done.body).toMatchObject({ complete: false, missing: [leaving], instances_gone: [] });
    await enableKey(await admin(), SLUG, keyId, ORIGIN);
  });

  it("the timeline counts Terrane's own refused decrypts while disabled, flagged as after the disable", async () => {
    await decryptEverything(world.prisma, TENANT);
    await flushKeyUse(world.prisma);
    await disableKey(await admin(), SLUG, keyId, SLUG, ORIGIN);
    const shown = await readOutcomes(world.prisma, TENANT);
    expect(shown.every((s) => !s.available)).toBe(true);
    await flushKeyUse(world.prisma);

    const timeline = await keyTimeline(await world.session(EU.northwindViewer), SLUG, keyId, {}, ORIGIN);
    expect(timeline.state).toBe("disabled");
    const hour = hourOf(new Date()).toISOString();
    const portal = timeline.usage.find(
      (u) => u.hour === hour && u.operation === "decrypt" && u.service === "terrane-portal",
    );
    expect(portal).toBeDefined();
    expect(portal!.failures).toBeGreaterThanOrEqual(shown.length);
    expect(portal!.after_disable).toBe(true);
    // Failures in the seeded history, before the key was ever disabled, are not flagged.
    const earlier = timeline.usage.filter(
      (u) => u.hour < hourOf(new Date(Date.now() - 3_600_000)).toISOString() && u.failures > 0,
    );
    expect(earlier.length).toBeGreaterThan(0);
    expect(earlier.every((u) => !u.after_disable)).toBe(true);
    expect(timeline.events.at(-1)).toMatchObject({ type: "disabled", actor_type: "user" });
    await enableKey(await admin(), SLUG, keyId, ORIGIN);
  });

  it("stopping an instance's key services deregisters it, so no later receipt waits for it", async () => {
    const stop = await startKeyServices(world.database);
    expect(await world.prisma.regionInstance.findUnique({ where: { id: instanceId() } })).not.toBeNull();
    await stop();
    expect(await world.prisma.regionInstance.findUnique({ where: { id: instanceId() } })).toBeNull();
    // This process plays the instance again for the next database's run of this file.
    await registerInstance(world.prisma);
  });
});
