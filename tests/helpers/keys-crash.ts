import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetSealingKey } from "@/platform/crypto/sealing";
import { resetEnvCache } from "@/platform/env";
import { openRegionDatabase, useRegionDatabase, type DatabaseKind, type RegionDatabase } from "@/platform/db/db";
import { currentDataKey } from "@/modules/keys/server/material";
import { encryptAll } from "@/modules/keys/server/protected-fields";
import { forgetRegionKeys } from "@/modules/audit/server/signing-keys";
import { seedKeys } from "@/prisma/seed/seed-keys";
import { passwordsForEveryone, seedRegion } from "@/prisma/seed/seed-region";
import { createRegionDatabase, freshEmbeddedDir } from "./databases";
import { setRegionEnv } from "./env";
import { sleep, spawnChild, type ChildEvent } from "./keys-child";
import { changeCounts, decryptEverything, primaryKeyId, protectedRows, tenantId } from "./keys-world";

const REGION = "eu-central-1";
const SLUG = "northwind-eu";
const TENANT = tenantId(SLUG);
const CONTACTS = 2_000;
const KILLS = 10;
const BATCH = 20;

/**
 * SIGKILL a process in the middle of a rotation at random moments, restart it, repeat; then let
 * it finish, and check that every record reads as before and every step happened exactly once.
 * The rotating process is tests/keys/rotation-child.ts; one suite per database kind, one file
 * each, so the two run side by side.
 */
export function rotationCrashSuite(kind: DatabaseKind): void {
  describe(`rotation survives SIGKILL on ${kind}`, () => {
    const sealingKey = randomBytes(32).toString("base64");
    let database: RegionDatabase;
    let target: Record<string, string>;
    let reopen: () => Promise<RegionDatabase>;
    let dispose: () => Promise<void>;
    let keyId: string;

    beforeAll(async () => {
      setRegionEnv(REGION);
      process.env.REGION_SEALING_KEY = sealingKey;
      resetEnvCache();
      forgetSealingKey();
      forgetRegionKeys();
      if (kind === "postgres") {
        const opened = await createRegionDatabase("postgres");
        database = opened.database;
        target = { CHILD_DATABASE_URL: String(database.connection.connectionString) };
        reopen = async () => database;
        dispose = opened.dispose;
      } else {
        const dir = await freshEmbeddedDir();
        database = await openRegionDatabase({ dataDir: dir });
        target = { CHILD_DATA_DIR: dir };
        reopen = () => openRegionDatabase({ dataDir: dir });
        dispose = async () => {
          await database.close().catch(() => {}); // already closed if the test stopped while children ran
          rmSync(dir, { recursive: true, force: true });
        };
      }
      useRegionDatabase(database);
      await seedRegion(database.prisma, REGION, passwordsForEveryone());
      await seedKeys(database.prisma);
      keyId = await primaryKeyId(database.prisma, SLUG);
      // Thousands of contacts, sealed as sealFields seals them (one data key, opened once).
      const { dataKeyId, key } = await currentDataKey(database.prisma, TENANT);
      const rows = Array.from({ length: CONTACTS }, (_, i) => {
        const id = randomUUID();
        const values = {
          name: `Person ${i}`,
          email: `p${i}@northwind.example`,
          phone: i % 3 ? `+46 8 555 ${String(i).padStart(4, "0")}` : null,
        };
        const sealed = encryptAll(key, dataKeyId, TENANT, "tenant_contacts", id, values);
        return {
          id,
          tenantId: TENANT,
          purpose: "bulk",
          dataKeyId,
          name: sealed.name!,
          email: sealed.email!,
          phone: sealed.phone ?? null,
        };
      });
      key.fill(0);
      for (let i = 0; i < rows.length; i += 500)
        await database.prisma.tenantContact.createMany({ data: rows.slice(i, i + 500) });
    }, 180_000);

    afterAll(async () => {
      useRegionDatabase(undefined);
      await dispose?.();
    });

    it(`completes after ${KILLS} kills at random points, every record readable, counted once`, async () => {
      const plainBefore = await decryptEverything(database.prisma, TENANT);
      expect(plainBefore.length).toBeGreaterThan(CONTACTS);
      if (kind === "embedded") await database.close(); // one process per embedded directory

      const env = {
        ...target,
        CHILD_KEY_ID: keyId,
        CHILD_TENANT_ID: TENANT,
        CHILD_BATCH: String(BATCH),
        REGION,
        REGION_SEALING_KEY: sealingKey,
      };
      const seen: ChildEvent[] = [];
      let killed = 0;
      for (let i = 0; i < KILLS; i++) {
        const child = spawnChild("tests/keys/rotation-child.ts", env);
        seen.push(await child.next("ready", 60_000));
        if (i % 3 === 0) {
          // Anywhere: while it starts, begins the rotation, or in its first batches.
          await sleep(randomInt(0, 300));
        } else {
          // Inside the work, at a random point of one of its next few batches: the kills land
          // mid-rotation however fast or slow the machine is.
          for (let k = randomInt(1, 4); k > 0; k--) await child.next("progress", 60_000);
          await sleep(randomInt(0, 40));
        }
        child.process.kill("SIGKILL");
        if ((await child.exited).signal === "SIGKILL") killed++;
      }
      const last = spawnChild("tests/keys/rotation-child.ts", env);
      seen.push(await last.next("ready", 60_000));
      await last.next("completed", 120_000);
      expect((await last.exited).code).toBe(0);

      expect(killed).toBe(KILLS);
      // The kills landed mid-rotation: restarts found it started and unfinished, at several points.
      const midway = seen.slice(1).filter((e) => e.stage !== null && e.stage !== "completed");
      expect(midway.length).toBeGreaterThanOrEqual(KILLS / 2);
      expect(new Set(midway.map((e) => `${String(e.stage)}:${String(e.done)}`)).size).toBeGreaterThanOrEqual(4);
      expect(seen.at(-1)!.stage).not.toBe("completed");

      database = await reopen();
      useRegionDatabase(database);
      const db = database.prisma;
      const rotations = await db.keyRotation.findMany({ where: { keyId } });
      expect(rotations).toHaveLength(1);
      const rotation = rotations[0]!;
      expect(rotation).toMatchObject({ stage: "completed", fromVersion: 1, toVersion: 2, error: null });
      expect(rotation.doneFields).toBe(rotation.totalFields); // each batch's progress committed with its work
      const key = await db.tenantKey.findUniqueOrThrow({
        where: { id: keyId },
        include: { versions: { orderBy: { version: "asc" } }, dataKeys: true },
      });
      expect(key.currentVersion).toBe(2);
      expect(key.versions.map((v) => [v.version, v.state, v.sealedMaterial === null])).toEqual([
        [1, "retired", true],
        [2, "active", false],
      ]);
      expect(key.dataKeys.filter((d) => d.wrappedKey !== null).map((d) => d.id)).toEqual([rotation.dataKeyId]);
      expect((await protectedRows(db, TENANT)).every((r) => r.dataKeyId === rotation.dataKeyId)).toBe(true);
      expect(await decryptEverything(db, TENANT)).toEqual(plainBefore);
      expect(await changeCounts(db, keyId, "rotated")).toEqual({ events: 1, audit: 1 });
      expect(await changeCounts(db, keyId, "rotation_completed")).toEqual({ events: 1, audit: 1 });
    }, 170_000);
  });
}
