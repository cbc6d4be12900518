import { beforeAll, describe, expect, it } from "vitest";
import { runDueJobs } from "@/platform/jobs/queue";
import {
  disableKey,
  enableKey,
  scheduleKeyDeletion,
  cancelKeyDeletion,
  setRotationPeriod,
} from "@/modules/keys/server/lifecycle";
import { rotateKeyNow, scheduleDueRotations } from "@/modules/keys/server/rotation";
import { rotateKeyJob } from "@/modules/keys/server/services";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU } from "../helpers/seeded-region";
import {
  changeCounts,
  decryptEverything,
  ORIGIN,
  primaryKeyId,
  protectedRows,
  tenantId,
  totals,
  useKeyWorld,
  waitFor,
} from "../helpers/keys-world";

const SLUG = "northwind-eu";
const TENANT = tenantId(SLUG);
const DAY_MS = 86_400_000;

describe.each(DATABASE_KINDS)("key rotation on %s", (kind) => {
  const world = useKeyWorld(kind);
  let keyId: string;
  beforeAll(async () => {
    keyId = await primaryKeyId(world.prisma, SLUG);
  });
  const admin = () => world.session(EU.northwindAdmin);
  const finished = (rotationId: string) =>
    waitFor("the rotation to complete", async () => {
      const r = await world.prisma.keyRotation.findUniqueOrThrow({ where: { id: rotationId } });
      return r.stage === "completed" ? r : null;
    });

  it("rotate now: new version, DEKs rewrapped, fields re-encrypted under a new DEK, old ones shredded", async () => {
    const plainBefore = await decryptEverything(world.prisma, TENANT);
    const rowsBefore = await protectedRows(world.prisma, TENANT);
    const oldDeks = await world.prisma.dataKey.findMany({ where: { keyId }, select: { id: true } });
    const counts = {
      rotated: await changeCounts(world.prisma, keyId, "rotated"),
      completed: await changeCounts(world.prisma, keyId, "rotation_completed"),
    };

    const started = await rotateKeyNow(await admin(), SLUG, keyId, ORIGIN);
    expect(started.rotation).toMatchObject({ from_version: 1, to_version: 2, trigger: "manual" });
    expect(started.key.current_version).toBe(2);
    const rotation = await finished(started.rotation.id);

    expect(rotation.rewrapped).toBe(oldDeks.length);
    expect(rotation.doneFields).toBe(rotation.totalFields);
    const newDek = rotation.dataKeyId!;
    expect(oldDeks.map((d) => d.id)).not.toContain(newDek);

    const key = await world.prisma.tenantKey.findUniqueOrThrow({
      where: { id: keyId },
      include: { versions: { orderBy: { version: "asc" } }, dataKeys: true },
    });
    expect(key.currentVersion).toBe(2);
    expect(key.versions.map((v) => [v.version, v.state, v.sealedMaterial === null])).toEqual([
      [1, "retired", true],
      [2, "active", false],
    ]);
    for (const d of key.dataKeys) {
      if (d.id === newDek) expect(d).toMatchObject({ state: "active", keyVersion: 2 });
      else expect(d).toMatchObject({ state: "retired", wrappedKey: null, keyVersion: 2 }); // rewrapped, then shredded
    }

    const rowsAfter = await protectedRows(world.prisma, TENANT);
    expect(rowsAfter.length).toBe(rowsBefore.length);
    expect(rowsAfter.every((r) => r.dataKeyId === newDek)).toBe(true);
    for (const r of rowsAfter) {
      const old = rowsBefore.find((b) => b.table === r.table && b.recordId === r.recordId)!;
      for (const [field, value] of Object.entries(r.sealed)) {
        if (value) expect(Buffer.from(value).equals(Buffer.from(old.sealed[field]!))).toBe(false);
      }
    }
    expect(await decryptEverything(world.prisma, TENANT)).toEqual(plainBefore);
    expect(await changeCounts(world.prisma, keyId, "rotated")).toEqual({
      events: counts.rotated.events + 1,
      audit: counts.rotated.audit + 1,
    });
    expect(await changeCounts(world.prisma, keyId, "rotation_completed")).toEqual({
      events: counts.completed.events + 1,
      audit: counts.completed.audit + 1,
    });
  });

  it("refuses to rotate a disabled key, and changes nothing", async () => {
    const disabled = await disableKey(await admin(), SLUG, keyId, SLUG, ORIGIN);
    expect(disabled.key.state).toBe("disabled");
    const before = await totals(world.prisma);
    const versions = await world.prisma.tenantKeyVersion.count({ where: { keyId } });
    await expect(rotateKeyNow(await admin(), SLUG, keyId, ORIGIN)).rejects.toMatchObject({
      status: 409,
      code: "key_state_conflict",
    });
    expect(await totals(world.prisma)).toEqual(before);
    expect(await world.prisma.tenantKeyVersion.count({ where: { keyId } })).toBe(versions);
    await enableKey(await admin(), SLUG, keyId, ORIGIN);
  });

  it("automatic rotation: due keys become one job each (idempotent), and the job rotates", async () => {
    const set = await setRotationPeriod(await admin(), SLUG, keyId, 90, ORIGIN);
    const last = new Date(set.key.last_rotated_at).getTime();
    expect(set.key.rotation_period_days).toBe(90);
    expect(new Date(set.key.next_rotation_at).getTime()).toBe(last + 90 * DAY_MS);

    const soon = new Date(last + 30 * DAY_MS);
    expect(await scheduleDueRotations(world.prisma, soon)).toBe(0);
    const due = new Date(last + 91 * DAY_MS);
    expect(await scheduleDueRotations(world.prisma, due)).toBe(1); // kestrel's key is due in a year
    expect(await scheduleDueRotations(world.prisma, due)).toBe(1);
    const jobs = await world.database.jobs.findJobs("key.rotate");
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.data).toEqual({ key_id: keyId, tenant_id: TENANT });

    const version = (await world.prisma.tenantKey.findUniqueOrThrow({ where: { id: keyId } })).currentVersion;
    // The 91 days pass: the worker's handler decides "due?" on the database's clock.
    await world.prisma
      .$executeRaw`UPDATE tenant_keys SET next_rotation_at = now() - interval '1 second' WHERE id = ${keyId}`;
    expect(await runDueJobs(world.database.jobs, "key.rotate", rotateKeyJob)).toBe(1);
    const rotation = await world.prisma.keyRotation.findFirstOrThrow({ where: { keyId, trigger: "scheduled" } });
    expect(rotation).toMatchObject({ fromVersion: version, toVersion: version + 1 });
    await finished(rotation.id);
    expect(await world.database.jobs.findJobs("key.rotate")).toMatchObject([{ state: "completed" }]);
    const key = await world.prisma.tenantKey.findUniqueOrThrow({ where: { id: keyId } });
    expect(key.currentVersion).toBe(version + 1);
    expect(key.nextRotationAt.getTime()).toBe(key.lastRotatedAt.getTime() + 90 * DAY_MS);
    expect((await decryptEverything(world.prisma, TENANT)).length).toBeGreaterThan(0);
    // Nothing is due now; running the queue again rotates nothing.
    expect(await scheduleDueRotations(world.prisma)).toBe(0);
    expect(await runDueJobs(world.database.jobs, "key.rotate", rotateKeyJob)).toBe(0);
  });

  it("a key pending deletion keeps its rotation period and is not scheduled for rotation", async () => {
    await scheduleKeyDeletion(await admin(), SLUG, keyId, { confirm: SLUG, days: 30 }, ORIGIN);
    const before = await totals(world.prisma);
    await expect(setRotationPeriod(await admin(), SLUG, keyId, 180, ORIGIN)).rejects.toMatchObject({ status: 409 });
    expect(await totals(world.prisma)).toEqual(before);
    // A due rotation job of a key pending deletion does not rotate it.
    expect(await scheduleDueRotations(world.prisma, new Date(Date.now() + 400 * DAY_MS))).toBe(1); // kestrel only
    await cancelKeyDeletion(await admin(), SLUG, keyId, ORIGIN);
    await enableKey(await admin(), SLUG, keyId, ORIGIN);
  });
});
