import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { KeyUnavailableError } from "@/platform/kms/provider";
import { closeKmsProviders, kmsProvider } from "@/platform/kms/providers";
import { resetEnvCache } from "@/platform/env";
import { runDueJobs } from "@/platform/jobs/queue";
import { disableKey, enableKey, scheduleKeyDeletion } from "@/modules/keys/server/lifecycle";
import { dekCache, versionMaterial } from "@/modules/keys/server/material";
import { rotateKeyNow } from "@/modules/keys/server/rotation";
import { destroyKeyJob } from "@/modules/keys/server/services";
import { openFields } from "@/modules/keys/server/protected-fields";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU } from "../helpers/seeded-region";
import { useSoftHsmCustody } from "../helpers/keys-hsm";
import {
  decryptEverything,
  ORIGIN,
  primaryKeyId,
  protectedRows,
  readOutcomes,
  tenantId,
  useKeyWorld,
  waitFor,
} from "../helpers/keys-world";

// Every managed-tier tenant's key lives in a real SoftHSM2 token, as an operator would configure.
useSoftHsmCustody({ tiers: { managed: { provider: "pkcs11", keyRef: "t/{tenant}" } } });

const SLUG = "northwind-eu";
const TENANT = tenantId(SLUG);

describe.each(DATABASE_KINDS)("tenant keys in an HSM (pkcs11, SoftHSM2) on %s", (kind) => {
  const world = useKeyWorld(kind);
  let keyId: string;
  beforeAll(async () => {
    keyId = await primaryKeyId(world.prisma, SLUG);
  });
  const admin = () => world.session(EU.northwindAdmin);
  const keyRow = () =>
    world.prisma.tenantKey.findUniqueOrThrow({
      where: { id: keyId },
      include: { versions: { orderBy: { version: "asc" } } },
    });

  /** Whether the HSM still holds the object of each of the key's versions (a wrap needs it). */
  async function inHsm(): Promise<boolean[]> {
    const key = await keyRow();
    const hsm = await kmsProvider("pkcs11");
    return Promise.all(
      key.versions.map((v) =>
        hsm.wrap(versionMaterial(key, v), randomBytes(32), "probe").then(
          () => true,
          (e: unknown) => (e instanceof KeyUnavailableError && e.reason === "destroyed" ? false : Promise.reject(e)),
        ),
      ),
    );
  }

  it("provisions the key in the HSM: the database keeps a label, no material", async () => {
    const key = await keyRow();
    expect(key).toMatchObject({ provider: "pkcs11", keyRef: `t/${SLUG}`, currentVersion: 1 });
    expect(key.versions[0]).toMatchObject({
      handle: `terrane:eu-central-1:${key.versions[0]!.id}`,
      sealedMaterial: null,
    });
    expect(await inHsm()).toEqual([true]);
    expect((await decryptEverything(world.prisma, TENANT)).length).toBeGreaterThan(0);
  });

  it("disable fails every decrypt closed; enable restores them", async () => {
    await decryptEverything(world.prisma, TENANT);
    await disableKey(await admin(), SLUG, keyId, SLUG, ORIGIN);
    for (const r of await protectedRows(world.prisma, TENANT)) {
      await expect(openFields(world.prisma, TENANT, r.table, r.recordId, r.sealed)).rejects.toMatchObject({
        reason: "disabled",
      });
    }
    await enableKey(await admin(), SLUG, keyId, ORIGIN);
    expect((await decryptEverything(world.prisma, TENANT)).length).toBeGreaterThan(0);
  });

  it("fails closed when the HSM cannot be reached: no cached key, no plaintext, a plain reason", async () => {
    const pin = process.env.PKCS11_PIN!;
    try {
      await closeKmsProviders();
      dekCache().clear();
      process.env.PKCS11_PIN = "000000";
      resetEnvCache();
      const shown = await readOutcomes(world.prisma, TENANT);
      expect(shown.length).toBeGreaterThan(0);
      for (const s of shown) {
        expect(s).toMatchObject({ available: false, state: "kms_unreachable" });
        expect(s.available ? "" : s.reason).toMatch(/PKCS#11 login/);
        expect(JSON.stringify(s)).not.toContain(pin);
      }
    } finally {
      await closeKmsProviders();
      process.env.PKCS11_PIN = pin;
      resetEnvCache();
    }
    expect((await decryptEverything(world.prisma, TENANT)).length).toBeGreaterThan(0);
  });

  it("rotation makes a new HSM key, re-encrypts everything and destroys the old HSM object", async () => {
    const before = await decryptEverything(world.prisma, TENANT);
    const { rotation } = await rotateKeyNow(await admin(), SLUG, keyId, ORIGIN);
    const done = await waitFor("the rotation", async () => {
      const r = await world.prisma.keyRotation.findUniqueOrThrow({ where: { id: rotation.id } });
      return r.stage === "completed" ? r : null;
    });
    const key = await keyRow();
    expect(key.versions.map((v) => [v.version, v.state])).toEqual([
      [1, "retired"],
      [2, "active"],
    ]);
    expect(await inHsm()).toEqual([false, true]);
    expect((await protectedRows(world.prisma, TENANT)).every((r) => r.dataKeyId === done.dataKeyId)).toBe(true);
    expect(await decryptEverything(world.prisma, TENANT)).toEqual(before);
  });

  it("scheduled deletion destroys every HSM object of the key; its records are unreadable for good", async () => {
    await scheduleKeyDeletion(await admin(), SLUG, keyId, { confirm: SLUG, days: 7 }, ORIGIN);
    // The seven days pass; the queued job runs on the database's clock.
    await world.prisma
      .$executeRaw`UPDATE tenant_keys SET deletion_due_at = now() - interval '1 second' WHERE id = ${keyId}`;
    expect(await runDueJobs(world.database.jobs, "key.destroy", destroyKeyJob, { ignoreStartAfter: true })).toBe(1);
    expect((await keyRow()).state).toBe("destroyed");
    expect(await inHsm()).toEqual([false, false]);
    for (const r of await protectedRows(world.prisma, TENANT)) {
      await expect(openFields(world.prisma, TENANT, r.table, r.recordId, r.sealed)).rejects.toMatchObject({
        reason: "destroyed",
      });
    }
    await expect(enableKey(await admin(), SLUG, keyId, ORIGIN)).rejects.toMatchObject({ status: 409 });
    // The other tenant's key, in the same HSM, is untouched.
    expect((await decryptEverything(world.prisma, tenantId("kestrel-eu"))).length).toBeGreaterThan(0);
  });
});
