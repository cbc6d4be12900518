import { beforeAll, describe, expect, it } from "vitest";
import { KeyUnavailableError } from "@/platform/kms/provider";
import { runDueJobs } from "@/platform/jobs/queue";
import { destroyKeyIfDue } from "@/modules/keys/server/destruction";
import { cancelKeyDeletion, enableKey, scheduleKeyDeletion } from "@/modules/keys/server/lifecycle";
import { destroyKeyJob } from "@/modules/keys/server/services";
import { openFields } from "@/modules/keys/server/protected-fields";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU } from "../helpers/seeded-region";
import {
  changeCounts,
  decryptEverything,
  ORIGIN,
  primaryKeyId,
  protectedRows,
  tenantId,
  useKeyWorld,
} from "../helpers/keys-world";

const SLUG = "northwind-eu";
const TENANT = tenantId(SLUG);
const DAY_MS = 86_400_000;

describe.each(DATABASE_KINDS)("scheduled key deletion on %s", (kind) => {
  const world = useKeyWorld(kind);
  let keyId: string;
  beforeAll(async () => {
    keyId = await primaryKeyId(world.prisma, SLUG);
  });
  const admin = () => world.session(EU.northwindAdmin);
  const key = () =>
    world.prisma.tenantKey.findUniqueOrThrow({ where: { id: keyId }, include: { versions: true, dataKeys: true } });
  const destroyJobs = () => world.database.jobs.findJobs("key.destroy", { data: { key_id: keyId } });
  /** Runs the queue's key.destroy jobs through the worker's handler, on the database's clock. */
  const runDestroyJobs = (options?: { ignoreStartAfter: boolean }) =>
    runDueJobs(world.database.jobs, "key.destroy", destroyKeyJob, options);
  /** The waiting period passes: the key's due date moves to a moment ago on the database's clock. */
  const waitingPeriodEnds = () =>
    world.prisma.$executeRaw`UPDATE tenant_keys SET deletion_due_at = now() - interval '1 second' WHERE id = ${keyId}`;

  async function expectAllFail(reason: string) {
    const rows = await protectedRows(world.prisma, TENANT);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      await expect(openFields(world.prisma, TENANT, r.table, r.recordId, r.sealed)).rejects.toMatchObject({
        reason,
        constructor: KeyUnavailableError,
      });
    }
  }

  it("schedules: pending deletion, due in 7 days, unreadable; the job waits for its date", async () => {
    const started = Date.now();
    const result = await scheduleKeyDeletion(await admin(), SLUG, keyId, { confirm: SLUG, days: 7 }, ORIGIN);
    expect(result.key.state).toBe("pending_deletion");
    const due = new Date(result.key.deletion_due_at!).getTime();
    // The database's clock sets it: allow for the distance between the two clocks.
    expect(Math.abs(due - (started + 7 * DAY_MS))).toBeLessThan(60_000);
    expect(result.receipt?.status).toBe("pending"); // it was enabled: this is also a revocation
    await expectAllFail("pending_deletion");

    // The job exists, sent in the deletion's own transaction, and waits for the due date.
    expect(await destroyJobs()).toMatchObject([{ state: "created", startAfter: new Date(due) }]);
    expect(await runDestroyJobs()).toBe(0);
    expect((await key()).state).toBe("pending_deletion");
  });

  it("cancel: back to disabled; the waiting job, when it runs, destroys nothing", async () => {
    expect((await cancelKeyDeletion(await admin(), SLUG, keyId, ORIGIN)).key).toMatchObject({
      state: "disabled",
      deletion_due_at: null,
    });
    // Run it now, as if its date had come: it finds the key no longer pending deletion.
    expect(await runDestroyJobs({ ignoreStartAfter: true })).toBe(1);
    expect(await destroyJobs()).toMatchObject([{ state: "completed" }]);
    const k = await key();
    expect(k.state).toBe("disabled");
    expect(k.versions.every((v) => v.sealedMaterial !== null)).toBe(true);
    await expectAllFail("disabled");
    expect((await enableKey(await admin(), SLUG, keyId, ORIGIN)).key.state).toBe("enabled");
    expect((await decryptEverything(world.prisma, TENANT)).length).toBeGreaterThan(0);
  });

  it("destroys when due: material and wrapped DEKs gone, records unreadable for good, enable refused", async () => {
    await scheduleKeyDeletion(await admin(), SLUG, keyId, { confirm: SLUG, days: 7 }, ORIGIN);
    const before = await changeCounts(world.prisma, keyId, "destroyed");
    await waitingPeriodEnds();
    expect(await runDestroyJobs({ ignoreStartAfter: true })).toBe(1);

    const k = await key();
    expect(k.state).toBe("destroyed");
    expect(k.destroyedAt).not.toBeNull();
    expect(k.versions.length).toBeGreaterThan(0);
    expect(k.versions.every((v) => v.state === "destroyed" && v.sealedMaterial === null)).toBe(true);
    expect(k.dataKeys.every((d) => d.state === "destroyed" && d.wrappedKey === null)).toBe(true);
    expect(await changeCounts(world.prisma, keyId, "destroyed")).toEqual({
      events: before.events + 1,
      audit: before.audit + 1,
    });
    expect((await destroyJobs()).map((j) => j.state)).toEqual(["completed", "completed"]);

    await expectAllFail("destroyed");
    const rows = await protectedRows(world.prisma, TENANT);
    // The ciphertexts stay in place; only the keys are gone.
    expect(rows.every((r) => Object.values(r.sealed).some((v) => v !== null))).toBe(true);

    await expect(enableKey(await admin(), SLUG, keyId, ORIGIN)).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/destroyed key can never be enabled/),
    });
    await expect(cancelKeyDeletion(await admin(), SLUG, keyId, ORIGIN)).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/Too late/),
    });
    // Running the queue again changes nothing.
    expect(await runDestroyJobs({ ignoreStartAfter: true })).toBe(0);
    expect(await destroyKeyIfDue(world.prisma, keyId, TENANT, new Date(Date.now() + 9 * DAY_MS))).toBe(false);
    // The other tenant's key is untouched.
    expect((await decryptEverything(world.prisma, tenantId("kestrel-eu"))).length).toBeGreaterThan(0);
  });
});
