import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/platform/env";
import { instanceId } from "@/platform/jobs/instance-id";
import { disableKey, enableKey } from "@/modules/keys/server/lifecycle";
import { startKeyServices } from "@/modules/keys/server/services";
import { deadAmong } from "@/platform/region/instances";
import type { ReceiptBody } from "@/modules/keys/server/revocation";
import { EU } from "../helpers/seeded-region";
import { spawnChild, type Child } from "../helpers/keys-child";
import { expectReceiptSigned, ORIGIN, primaryKeyId, tenantId, useKeyWorld, waitFor } from "../helpers/keys-world";

const SLUG = "northwind-eu";
const TENANT = tenantId(SLUG);

// Instances that die or stop while others keep running: several processes on one region's
// database, so PostgreSQL only (an embedded region is one process; receipts-timeline covers the
// same rules there with a dead instance's row).
const suite = process.env.TEST_DATABASE_URL ? describe : describe.skip;

suite("receipts after an instance died or stopped (PostgreSQL)", () => {
  const world = useKeyWorld("postgres");
  let keyId: string;
  let stopServices: () => Promise<void>;
  const children: Child[] = [];

  const startChild = async (): Promise<{ child: Child; id: string }> => {
    const child = spawnChild("tests/keys/instance-child.ts", {
      DATABASE_URL: String(world.database.connection.connectionString),
      REGION: env().REGION,
      DATA_DIR: env().DATA_DIR,
      REGION_SEALING_KEY: world.sealingKey,
      CHILD_TENANT_ID: TENANT,
    });
    children.push(child);
    const ready = await child.next("ready", 60_000);
    return { child, id: String(ready.instance) };
  };
  const row = (id: string) => world.prisma.regionInstance.findUnique({ where: { id } });
  const settled = (receiptId: string) =>
    waitFor("the receipt to be signed", async () => {
      const r = await world.prisma.revocationReceipt.findUniqueOrThrow({
        where: { id: receiptId },
        include: { probes: true },
      });
      return r.status === "pending" ? null : r;
    });

  beforeAll(async () => {
    keyId = await primaryKeyId(world.prisma, SLUG);
    stopServices = await startKeyServices(world.database);
  }, 120_000);

  afterAll(async () => {
    for (const child of children) {
      if (child.process.exitCode === null && child.process.signalCode === null) {
        child.send({ cmd: "exit" });
        await child.exited;
      }
    }
    await stopServices?.();
  });

  it("a killed instance is not waited for: the next disable's receipt completes with the live instances' probes and names the dead one as gone", async () => {
    const killed = await startChild();
    killed.child.process.kill("SIGKILL");
    expect(await killed.child.exited).toMatchObject({ signal: "SIGKILL" });
    // Nothing ran to remove it: its row stays, and only its silence tells that it died.
    const last = (await row(killed.id))!;
    expect(last).not.toBeNull();
    const restarted = await startChild();
    expect(restarted.id).not.toBe(killed.id);
    await waitFor(
      "the killed instance's heartbeat to lapse",
      async () => (await deadAmong(world.prisma, [killed.id])).length === 1,
    );

    const { receipt } = await disableKey(await world.session(EU.northwindAdmin), SLUG, keyId, SLUG, ORIGIN);
    // The receipt waits for the running instances only: the dead one is not in the expected set.
    const opened = await world.prisma.revocationReceipt.findUniqueOrThrow({ where: { id: receipt!.id } });
    expect(new Set(opened.expected as string[])).toEqual(new Set([instanceId(), restarted.id]));

    const done = await settled(receipt!.id);
    expect(done.status).toBe("complete");
    const body = done.body as unknown as ReceiptBody;
    expect(body.complete).toBe(true);
    expect(body.missing).toEqual([]);
    expect(body.instances.map((i) => i.instance).sort()).toEqual([instanceId(), restarted.id].sort());
    expect(body.instances_gone).toEqual([{ instance: killed.id, last_heartbeat_at: last.lastSeenAt.toISOString() }]);
    expect(Date.parse(body.instances_gone[0]!.last_heartbeat_at)).toBeLessThan(Date.parse(body.disabled_at));
    await expectReceiptSigned(world.prisma, done);

    await enableKey(await world.session(EU.northwindAdmin), SLUG, keyId, ORIGIN);
    await world.prisma.regionInstance.delete({ where: { id: killed.id } });
  }, 120_000);

  it("an instance stopped with SIGTERM deregisters: its row is gone and a receipt neither waits for it nor calls it dead", async () => {
    const stopped = await startChild();
    expect(await row(stopped.id)).not.toBeNull();
    stopped.child.process.kill("SIGTERM");
    expect(await stopped.child.exited).toEqual({ code: 0, signal: null });
    expect(await row(stopped.id)).toBeNull();

    const { receipt } = await disableKey(await world.session(EU.northwindAdmin), SLUG, keyId, SLUG, ORIGIN);
    const opened = await world.prisma.revocationReceipt.findUniqueOrThrow({ where: { id: receipt!.id } });
    expect(opened.expected as string[]).not.toContain(stopped.id);
    const done = await settled(receipt!.id);
    expect(done.status).toBe("complete");
    expect((done.body as unknown as ReceiptBody).instances_gone.map((g) => g.instance)).not.toContain(stopped.id);
    await enableKey(await world.session(EU.northwindAdmin), SLUG, keyId, ORIGIN);
  }, 120_000);
});

if (!process.env.TEST_DATABASE_URL) {
  describe.skip("receipts after an instance died or stopped (embedded): one process per embedded region", () =>
    it.skip("needs more than one process per region", () => {}));
}
