import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { currentDataKey } from "@/modules/keys/server/material";
import { disableKey, enableKey } from "@/modules/keys/server/lifecycle";
import { resumeRotations, rotateKeyNow } from "@/modules/keys/server/rotation";
import { advanceRotation } from "@/modules/keys/server/rotation-work";
import { encryptAll, sealFields } from "@/modules/keys/server/protected-fields";
import type { KeyRotation } from "@/platform/db/generated/prisma/client";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU } from "../helpers/seeded-region";
import {
  decryptEverything,
  ORIGIN,
  primaryKeyId,
  protectedRows,
  tenantId,
  useKeyWorld,
  waitFor,
} from "../helpers/keys-world";

const SLUG = "kestrel-eu";
const TENANT = tenantId(SLUG);

describe.each(DATABASE_KINDS)("rotation batches on %s", (kind) => {
  const world = useKeyWorld(kind);

  async function addContacts(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      const { dataKeyId, sealed } = await sealFields(world.prisma, TENANT, "tenant_contacts", id, {
        name: `Contact ${i}`,
        email: `c${i}@kestrel.example`,
        phone: `+49 30 ${i}`,
      });
      await world.prisma.tenantContact.create({
        data: {
          id,
          tenantId: TENANT,
          purpose: "ops",
          dataKeyId,
          name: sealed.name!,
          email: sealed.email!,
          phone: sealed.phone!,
        },
      });
    }
  }

  async function addContactsFast(n: number): Promise<void> {
    const { dataKeyId, key } = await currentDataKey(world.prisma, TENANT);
    const rows = Array.from({ length: n }, (_, i) => {
      const id = randomUUID();
      const sealed = encryptAll(key, dataKeyId, TENANT, "tenant_contacts", id, {
        name: `Bulk ${i}`,
        email: `b${i}@kestrel.example`,
        phone: null,
      });
      return { id, tenantId: TENANT, purpose: "bulk", dataKeyId, name: sealed.name!, email: sealed.email! };
    });
    key.fill(0);
    await world.prisma.tenantContact.createMany({ data: rows });
  }

  async function rotateAndFinish(batch?: number) {
    const keyId = await primaryKeyId(world.prisma, SLUG);
    const { rotation } = await rotateKeyNow(await world.session(EU.kestrelAdmin), SLUG, keyId, ORIGIN);
    // This instance's background pass runs too; a second worker in another batch size joins it.
    if (batch) await advanceRotation(world.prisma, rotation.id, { batch });
    return waitFor(
      "the rotation to complete",
      async () => {
        const r = await world.prisma.keyRotation.findUniqueOrThrow({ where: { id: rotation.id } });
        return r.stage === "completed" ? r : null;
      },
      15_000,
    );
  }

  // A batch counts records: a table with fewer records than the batch but more fields than it
  // must not make the next table's query ask for a negative number of rows.
  it("completes when one table's remaining fields outnumber the batch (default batch, 40 contacts of 3 fields)", async () => {
    await addContacts(40);
    const before = await decryptEverything(world.prisma, TENANT);
    const done = await rotateAndFinish();
    expect(done.doneFields).toBe(done.totalFields);
    expect((await protectedRows(world.prisma, TENANT)).every((r) => r.dataKeyId === done.dataKeyId)).toBe(true);
    expect(await decryptEverything(world.prisma, TENANT)).toEqual(before);
  });

  it.each([1, 3, 7])("completes with batches of %i records alongside the background pass", async (batch) => {
    const before = await decryptEverything(world.prisma, TENANT);
    const done = await rotateAndFinish(batch);
    expect(done.doneFields).toBe(done.totalFields);
    expect(await decryptEverything(world.prisma, TENANT)).toEqual(before);
  });

  it("a disable pauses a running rotation; after enable it resumes and completes", async () => {
    const keyId = await primaryKeyId(world.prisma, SLUG);
    const admin = await world.session(EU.kestrelAdmin);
    // The disable has to land while the background pass still has work. On a loaded machine the
    // pass can finish first; that run proves nothing, so the next one has twice the records.
    let paused: KeyRotation | null = null;
    let rotationId = "";
    let before: Awaited<ReturnType<typeof decryptEverything>> = [];
    for (let records = 600; !paused; records *= 2) {
      if (records > 4800) throw new Error("every rotation finished before the disable landed");
      await addContactsFast(records);
      before = await decryptEverything(world.prisma, TENANT);
      const { rotation } = await rotateKeyNow(admin, SLUG, keyId, ORIGIN);
      rotationId = rotation.id;
      await disableKey(admin, SLUG, keyId, SLUG, ORIGIN);
      const settled = await waitFor(
        "the rotation to pause or complete",
        async () => {
          const r = await world.prisma.keyRotation.findUniqueOrThrow({ where: { id: rotation.id } });
          return r.error?.startsWith("Paused") || r.stage === "completed" ? r : null;
        },
        60_000,
      );
      if (settled.stage === "completed") await enableKey(admin, SLUG, keyId, ORIGIN);
      else paused = settled;
    }
    expect(paused!.stage).not.toBe("completed");
    expect(await resumeRotations(world.prisma)).toBe(1); // still disabled: stays paused
    expect((await world.prisma.keyRotation.findUniqueOrThrow({ where: { id: rotationId } })).doneFields).toBe(
      paused!.doneFields,
    );
    await enableKey(admin, SLUG, keyId, ORIGIN);
    await resumeRotations(world.prisma);
    const done = await world.prisma.keyRotation.findUniqueOrThrow({ where: { id: rotationId } });
    expect(done).toMatchObject({ stage: "completed", error: null });
    expect(done.doneFields).toBe(done.totalFields);
    expect(await decryptEverything(world.prisma, TENANT)).toEqual(before);
    // Up to four rotations of growing size, each awaited: the suite's 60 s per test is a hang
    // guard for one step, not for this loop on a loaded CI machine.
  }, 300_000);
});
