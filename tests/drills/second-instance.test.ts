import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/platform/env";
import { instanceId } from "@/platform/jobs/instance-id";
import { startDrill } from "@/modules/drills/server/start";
import { runDrillJob } from "@/modules/drills/server/run";
import { startKeyServices } from "@/modules/keys/server/services";
import { EU } from "../helpers/seeded-region";
import { spawnChild, type Child } from "../helpers/keys-child";
import { ORIGIN, tenantId, useKeyWorld } from "../helpers/keys-world";
import { expectReportVerifies } from "./drill-world";

const SLUG = "northwind-eu";

// A real second instance of the region (another process on the same PostgreSQL database, hearing
// key-state changes through LISTEN/NOTIFY and probing on its own). The embedded database is one
// process per region, so there is no second instance to drill there (drill-runs.test.ts has one).
describe.runIf(process.env.TEST_DATABASE_URL)("key revocation drill across two instances (PostgreSQL)", () => {
  const world = useKeyWorld("postgres");
  let child: Child;
  let stopServices: () => Promise<void>;

  beforeAll(async () => {
    stopServices = await startKeyServices(world.database);
    child = spawnChild("tests/keys/instance-child.ts", {
      DATABASE_URL: String(world.database.connection.connectionString),
      REGION: env().REGION,
      DATA_DIR: env().DATA_DIR,
      REGION_SEALING_KEY: world.sealingKey,
      CHILD_TENANT_ID: tenantId(SLUG),
    });
  }, 120_000);

  afterAll(async () => {
    if (child && child.process.exitCode === null) {
      child.send({ cmd: "exit" });
      await child.exited;
    }
    await stopServices?.();
  });

  it("measures time to revoke on both instances, re-enables, and the customer's data stays readable on the other", async () => {
    const ready = await child.next("ready", 60_000);
    const childId = String(ready.instance);
    expect(childId).not.toBe(instanceId());

    const { id } = await startDrill(await world.session(EU.northwindAdmin), SLUG, { kind: "key_revocation" }, ORIGIN);
    await runDrillJob(id);
    const drill = await world.prisma.drill.findUniqueOrThrow({ where: { id } });
    expect(drill.failure).toBeNull();
    expect(drill.state).toBe("completed");
    const figures = (drill.result as { figures: Record<string, unknown> }).figures;
    const timings = figures.time_to_revoke as { instance: string; ms: number; attempts: number }[];
    expect(timings.map((t) => t.instance).sort()).toEqual([instanceId(), childId].sort());
    for (const t of timings) {
      expect(t.ms).toBeGreaterThanOrEqual(0);
      expect(t.attempts).toBeGreaterThanOrEqual(1);
    }
    expect(figures).toMatchObject({ receipt_status: "complete", missing: [] });

    // The other instance heard the drill key go off and on again, and never the customer's key.
    const drillKey = await world.prisma.tenantKey.findFirstOrThrow({
      where: { tenantId: tenantId(SLUG), alias: "drill" },
    });
    expect(await child.next("news", 20_000)).toMatchObject({ keyId: drillKey.id, state: "disabled" });
    expect(await child.next("news", 20_000)).toMatchObject({ keyId: drillKey.id, state: "enabled" });
    child.send({ cmd: "decrypt" });
    expect(await child.next("decrypt")).toMatchObject({ ok: true, name: expect.any(String) });

    const predicate = await expectReportVerifies(world.prisma, id);
    expect((predicate.figures as { time_to_revoke: unknown[] }).time_to_revoke).toHaveLength(2);
  }, 120_000);
});
