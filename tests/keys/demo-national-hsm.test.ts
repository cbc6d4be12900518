import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRegionDatabase, useRegionDatabase, type RegionDatabase } from "@/platform/db/db";
import { forgetSealingKey } from "@/platform/crypto/sealing";
import { resetKeyCustodyCache } from "@/platform/kms/custody";
import { KeyUnavailableError } from "@/platform/kms/provider";
import { closeKmsProviders, kmsProvider } from "@/platform/kms/providers";
import { forgetRegionKeys } from "@/modules/audit/server/signing-keys";
import { loadSessionActor } from "@/modules/identity/server/sign-in";
import { custodyKind, custodyLabel, custodyShortfall } from "@/modules/keys/domain/custody";
import { disableKey, enableKey } from "@/modules/keys/server/lifecycle";
import { dekCache, versionMaterial } from "@/modules/keys/server/material";
import { rotateKeyNow } from "@/modules/keys/server/rotation";
import { listTenantKeys } from "@/modules/keys/server/tenant-keys";
import { DEMO_HSM_VARS, demoHsmEnvFor, demoHsmStatus, demoHsmToken } from "@/scripts/lib/demo-hsm";
import { seedWorld } from "@/scripts/lib/seed-world";
import { createScratchDatabase, DATABASE_KINDS, type ScratchDatabase } from "../helpers/databases";
import { setRegionEnv } from "../helpers/env";
import { decryptEverything, ORIGIN, readOutcomes, tenantId, waitFor } from "../helpers/keys-world";

/**
 * The demo world as `npm run demo` and the e2e run seed it: me-central-1 homes the sovereign
 * tenant northwind-gcc, whose tier promises a national HSM. With SoftHSM2 installed (CI installs
 * Debian's softhsm2) its keys are made in a SoftHSM2 token through PKCS#11, and every wrap and
 * unwrap of its data keys goes through that token; without it the seed falls back to the software
 * KMS and says so, and the words never call that an HSM.
 */

const REGION = "me-central-1";
const SLUG = "northwind-gcc";
const ADMIN = "ana.admin@northwind.example";

interface SeededDemo {
  dataDir: string;
  database: RegionDatabase;
  dispose(): Promise<void>;
}

/** Seeds me-central-1 of the demo world into a temporary directory, then acts as its instance would. */
async function seedDemoRegion(kind: "embedded" | "postgres", nationalHsm = true): Promise<SeededDemo> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "terrane-demo-hsm-"));
  let scratch: ScratchDatabase | undefined;
  if (kind === "postgres") scratch = await createScratchDatabase("postgres");
  const databaseUrl = scratch?.connection.connectionString;
  await seedWorld({
    dataDir,
    regions: [{ id: REGION, url: "http://127.0.0.1:1", ...(databaseUrl ? { databaseUrl } : {}) }],
    credentialsFile: path.join(dataDir, "credentials.json"),
    nationalHsm,
  });
  // The instance's environment, as scripts/lib/instance.ts gives it.
  await closeKmsProviders();
  for (const v of DEMO_HSM_VARS) delete process.env[v];
  Object.assign(process.env, demoHsmEnvFor(dataDir, REGION));
  setRegionEnv(REGION, { DATA_DIR: dataDir });
  resetKeyCustodyCache();
  forgetSealingKey();
  forgetRegionKeys();
  dekCache().clear();
  const database = await openRegionDatabase(databaseUrl ? { databaseUrl } : { dataDir: path.join(dataDir, REGION) });
  useRegionDatabase(database);
  return {
    dataDir,
    database,
    async dispose() {
      useRegionDatabase(undefined);
      await closeKmsProviders();
      await database.close();
      await scratch?.dispose();
      for (const v of DEMO_HSM_VARS) delete process.env[v];
      resetKeyCustodyCache();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminActor(db: RegionDatabase) {
  const user = await db.prisma.user.findUniqueOrThrow({ where: { email: ADMIN }, select: { id: true } });
  const actor = await loadSessionActor(user.id);
  if (!actor) throw new Error(`${ADMIN} cannot hold a session`);
  return actor;
}

describe.each(DATABASE_KINDS)(
  "the demo's sovereign tenant keeps its keys in the national HSM (SoftHSM2) on %s",
  (kind) => {
    let demo: SeededDemo;
    beforeAll(async () => {
      demo = await seedDemoRegion(kind);
    }, 240_000);
    afterAll(() => demo?.dispose());

    const gcc = tenantId(SLUG);
    const keyRows = () =>
      demo.database.prisma.tenantKey.findMany({
        where: { tenantId: gcc },
        include: { versions: { orderBy: { version: "asc" } } },
      });

    /** Whether the token still holds each version's object: a wrap inside the HSM needs it. */
    async function inToken(): Promise<boolean[]> {
      const [key] = await keyRows();
      const hsm = await kmsProvider("pkcs11");
      return Promise.all(
        key!.versions.map((v) =>
          hsm.wrap(versionMaterial(key!, v), randomBytes(32), "probe").then(
            () => true,
            (e: unknown) => (e instanceof KeyUnavailableError && e.reason === "destroyed" ? false : Promise.reject(e)),
          ),
        ),
      );
    }

    it("made a SoftHSM2 token for me-central-1 with a PIN of its own, and says so at start", () => {
      const token = demoHsmToken(demo.dataDir, REGION);
      expect(token).toMatchObject({ region: REGION, tokenLabel: "terrane-demo-me-central-1", tenants: [SLUG] });
      expect(token!.pin).toMatch(/^[0-9a-f]{16}$/);
      expect(token!.conf.startsWith(demo.dataDir)).toBe(true);
      expect(demoHsmStatus(demo.dataDir, REGION)).toMatch(
        /^me-central-1: national HSM: the keys of northwind-gcc \(sovereign tier\) are held in the SoftHSM2 token "terrane-demo-me-central-1" through PKCS#11/,
      );
      // The regions without a sovereign tenant get none.
      expect(demoHsmToken(demo.dataDir, "eu-central-1")).toBeNull();
      expect(demoHsmStatus(demo.dataDir, "eu-central-1")).toBeNull();
    });

    it("custody is PKCS#11: the database keeps the token object's label, no material; the page says national HSM", async () => {
      const keys = await keyRows();
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        expect(key).toMatchObject({ provider: "pkcs11", keyRef: `national-hsm/${SLUG}` });
        for (const v of key.versions)
          expect(v).toMatchObject({ handle: `terrane:${REGION}:${v.id}`, sealedMaterial: null });
      }
      expect(await inToken()).toEqual([true]);
      const list = await listTenantKeys(await adminActor(demo.database), SLUG, ORIGIN);
      expect(list.tier).toBe("sovereign");
      for (const k of list.keys) {
        expect(k.custody).toBe("national_hsm");
        expect(custodyLabel(k.custody, k.provider)).toBe("National HSM (PKCS#11)");
        expect(custodyShortfall(k.custody, k.provider, list.tier)).toBeNull();
      }
    });

    it("the seeded data decrypts only through the token: without it every read fails closed", async () => {
      dekCache().clear();
      const before = await decryptEverything(demo.database.prisma, gcc);
      expect(before.length).toBeGreaterThan(0);
      const token = demoHsmToken(demo.dataDir, REGION)!;
      const tokens = path.join(path.dirname(token.conf), "tokens");
      await closeKmsProviders();
      dekCache().clear();
      renameSync(tokens, `${tokens}.away`);
      try {
        const shown = await readOutcomes(demo.database.prisma, gcc);
        expect(shown.length).toBe(before.length);
        for (const s of shown) expect(s).toMatchObject({ available: false, state: "kms_unreachable" });
      } finally {
        await closeKmsProviders();
        renameSync(`${tokens}.away`, tokens);
      }
      expect(existsSync(tokens)).toBe(true);
      expect(await decryptEverything(demo.database.prisma, gcc)).toEqual(before);
    });

    it("disable fails every decrypt closed; enable unwraps through the token again", async () => {
      const [key] = await keyRows();
      const admin = await adminActor(demo.database);
      const before = await decryptEverything(demo.database.prisma, gcc);
      await disableKey(admin, SLUG, key!.id, SLUG, ORIGIN);
      for (const s of await readOutcomes(demo.database.prisma, gcc))
        expect(s).toMatchObject({ available: false, state: "disabled" });
      await enableKey(admin, SLUG, key!.id, ORIGIN);
      dekCache().clear();
      expect(await decryptEverything(demo.database.prisma, gcc)).toEqual(before);
    });

    it("rotation makes the new version in the token, re-encrypts, and destroys the old object there", async () => {
      const [key] = await keyRows();
      const before = await decryptEverything(demo.database.prisma, gcc);
      const { rotation } = await rotateKeyNow(await adminActor(demo.database), SLUG, key!.id, ORIGIN);
      await waitFor(
        "the rotation",
        async () =>
          (await demo.database.prisma.keyRotation.findUniqueOrThrow({ where: { id: rotation.id } })).stage ===
          "completed",
        60_000,
      );
      const [after] = await keyRows();
      expect(after!.versions.map((v) => [v.version, v.state, v.sealedMaterial])).toEqual([
        [1, "retired", null],
        [2, "active", null],
      ]);
      expect(await inToken()).toEqual([false, true]);
      dekCache().clear();
      expect(await decryptEverything(demo.database.prisma, gcc)).toEqual(before);
    }, 90_000);
  },
);

describe("without SoftHSM2 the demo falls back to the software KMS and says so", () => {
  let demo: SeededDemo;
  beforeAll(async () => {
    // Seeding with the national HSM turned off is the path a machine without SoftHSM2 takes.
    demo = await seedDemoRegion("embedded", false);
  }, 240_000);
  afterAll(() => demo?.dispose());

  it("keys in the local KMS, a fallback line at start, and words that claim no HSM", async () => {
    expect(demoHsmToken(demo.dataDir, REGION)).toBeNull();
    expect(demoHsmStatus(demo.dataDir, REGION)).toMatch(
      /^me-central-1: FALLBACK: .*the keys of northwind-gcc \(sovereign tier, which promises a national HSM\) are held in the software KMS, not in an HSM/,
    );
    const keys = await demo.database.prisma.tenantKey.findMany({ where: { tenantId: tenantId(SLUG) } });
    expect(keys.map((k) => k.provider)).toEqual(keys.map(() => "local"));
    const list = await listTenantKeys(await adminActor(demo.database), SLUG, ORIGIN);
    for (const k of list.keys) {
      expect(k.custody).toBe("software_kms");
      expect(custodyLabel(k.custody, k.provider)).toBe("Software KMS (region-local; not an HSM)");
      expect(custodyShortfall(k.custody, k.provider, list.tier)).toBe(
        "The sovereign tier promises a national HSM, but this key is held in the region's software KMS (not an HSM).",
      );
    }
    expect((await decryptEverything(demo.database.prisma, tenantId(SLUG))).length).toBeGreaterThan(0);
  });
});

describe("custody words", () => {
  it("name a key by its provider and the tenant's tier", () => {
    expect(custodyKind("pkcs11", "sovereign")).toBe("national_hsm");
    expect(custodyKind("pkcs11", "managed")).toBe("hsm");
    expect(custodyKind("pkcs11", "customer_cloud")).toBe("hsm");
    expect(custodyKind("local", "sovereign")).toBe("software_kms");
    expect(custodyKind("aws-kms", "managed")).toBe("unknown");
    expect(custodyLabel("hsm", "pkcs11")).toBe("Hardware security module (PKCS#11)");
    expect(custodyLabel("unknown", "aws-kms")).toBe('KMS provider "aws-kms"');
    // Only the sovereign tier's promise is checked; a key where it promises has no shortfall.
    expect(custodyShortfall("software_kms", "local", "managed")).toBeNull();
    expect(custodyShortfall("hsm", "pkcs11", "sovereign")).not.toBeNull();
    expect(custodyShortfall("national_hsm", "pkcs11", "sovereign")).toBeNull();
  });
});
