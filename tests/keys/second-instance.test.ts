import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/platform/env";
import { instanceId } from "@/platform/jobs/instance-id";
import { disableKey, enableKey } from "@/modules/keys/server/lifecycle";
import { startKeyServices } from "@/modules/keys/server/services";
import { EU } from "../helpers/seeded-region";
import { spawnChild, type Child } from "../helpers/keys-child";
import { expectReceiptSigned, ORIGIN, primaryKeyId, tenantId, useKeyWorld, waitFor } from "../helpers/keys-world";

const SLUG = "northwind-eu";
const TENANT = tenantId(SLUG);

// Two instances of one region share its PostgreSQL database and hear each other through
// LISTEN/NOTIFY. The embedded database is one process per region (PGlite holds its directory
// exclusively), so there is no second instance to test there.
const suite = process.env.TEST_DATABASE_URL ? describe : describe.skip;

suite("a disable reaches a second instance (PostgreSQL)", () => {
  const world = useKeyWorld("postgres");
  let keyId: string;
  let child: Child;
  let stopServices: () => Promise<void>;

  beforeAll(async () => {
    keyId = await primaryKeyId(world.prisma, SLUG);
    stopServices = await startKeyServices(world.database);
    child = spawnChild("tests/keys/instance-child.ts", {
      DATABASE_URL: String(world.database.connection.connectionString),
      REGION: env().REGION,
      DATA_DIR: env().DATA_DIR,
      REGION_SEALING_KEY: world.sealingKey,
      CHILD_TENANT_ID: TENANT,
    });
  }, 120_000);

  afterAll(async () => {
    if (child && child.process.exitCode === null) {
      child.send({ cmd: "exit" });
      await child.exited;
    }
    await stopServices?.();
  });

  async function childDecrypt() {
    child.send({ cmd: "decrypt" });
    return child.next("decrypt");
  }

  it("the second instance reads with a warm cache, then fails closed after a disable here; the receipt waits for both", async () => {
    const ready = await child.next("ready", 60_000);
    expect(ready.warm).toMatchObject({ ok: true, name: expect.any(String) });
    expect(ready.cacheSize).toBeGreaterThan(0);
    const childId = String(ready.instance);
    expect(childId).not.toBe(instanceId());

    const result = await disableKey(await world.session(EU.northwindAdmin), SLUG, keyId, SLUG, ORIGIN);
    const receiptId = result.receipt!.id;
    const opened = await world.prisma.revocationReceipt.findUniqueOrThrow({ where: { id: receiptId } });
    expect(new Set(opened.expected as string[])).toEqual(new Set([instanceId(), childId]));

    // The notification reached the child and its cached data keys were dropped at once.
    expect(await child.next("news", 20_000)).toMatchObject({ state: "disabled", keyId, cacheSize: 0 });
    expect(await childDecrypt()).toMatchObject({
      ok: false,
      reason: "disabled",
      message: expect.stringMatching(/disabled/),
    });

    const receipt = await waitFor("the receipt to complete", async () => {
      const r = await world.prisma.revocationReceipt.findUniqueOrThrow({
        where: { id: receiptId },
        include: { probes: true },
      });
      return r.status === "pending" ? null : r;
    });
    expect(receipt.status).toBe("complete");
    expect(new Set(receipt.probes.map((p) => p.instanceId))).toEqual(new Set([instanceId(), childId]));
    const body = receipt.body as {
      instances: { instance: string; ms: number }[];
      complete: boolean;
      missing: string[];
      max_ms: number;
    };
    expect(body.complete).toBe(true);
    expect(body.missing).toEqual([]);
    expect(body.instances.map((i) => i.instance).sort()).toEqual([instanceId(), childId].sort());
    expect(body.max_ms).toBe(Math.max(...body.instances.map((i) => i.ms)));
    await expectReceiptSigned(world.prisma, receipt);
  }, 90_000);

  it("after enable the second instance decrypts again", async () => {
    await enableKey(await world.session(EU.northwindAdmin), SLUG, keyId, ORIGIN);
    expect(await child.next("news", 20_000)).toMatchObject({ state: "enabled", keyId });
    expect(await childDecrypt()).toMatchObject({ ok: true, name: expect.any(String) });
  }, 60_000);
});

if (!process.env.TEST_DATABASE_URL) {
  describe.skip("a disable reaches a second instance (embedded): one process per embedded region, nothing to test", () =>
    it.skip("needs more than one process per region", () => {}));
}
