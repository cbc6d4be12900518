import { generateKeyPairSync, randomBytes, randomUUID, sign, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ed25519RawPublicKey } from "@/modules/audit/domain/ed25519";
import { resetKeyCustodyCache } from "@/platform/kms/custody";
import { closeKmsProviders } from "@/platform/kms/providers";
import { forgetSealingKey, seal, unseal } from "@/platform/crypto/sealing";
import { resetEnvCache } from "@/platform/env";
import { toBytes } from "@/platform/db/bytes";
import { forgetRegionKeys, keyName, regionKey } from "@/modules/audit/server/signing-keys";
import { DATABASE_KINDS } from "../helpers/databases";
import { useSoftHsmCustody } from "../helpers/keys-hsm";
import { useMigratedRegion } from "../helpers/seeded-region";

const REGION = "eu-central-1";
const LOCAL = `kms:local:terrane-region/${REGION}`;
const HSM = `kms:pkcs11:region/${REGION}`;
const context = (id: string) => `terrane:region-signing-key:${REGION}:audit-log:${id}`;

// The token exists for the whole file; which KMS wraps region keys is switched per test.
const hsm = useSoftHsmCustody({});

async function useRegionKms(custody: unknown): Promise<void> {
  process.env.KEY_CUSTODY_JSON = JSON.stringify(custody);
  resetEnvCache();
  resetKeyCustodyCache();
  await closeKmsProviders();
  forgetRegionKeys();
}

describe.each(DATABASE_KINDS)("region signing keys under the region KMS, on %s", (kind) => {
  const region = useMigratedRegion(kind, REGION);
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const id = randomUUID();
  const rewraps = () =>
    region.prisma.auditEntry.findMany({
      where: { action: "signing_key.rewrapped", subject: `signing_key:${id}` },
      orderBy: { seq: "asc" },
    });
  const row = () => region.prisma.regionSigningKey.findUniqueOrThrow({ where: { id } });

  beforeAll(async () => {
    expect(hsm.token().tokenLabel).toBeTruthy();
    process.env.REGION_SEALING_KEY = randomBytes(32).toString("base64");
    forgetSealingKey();
    await useRegionKms({});
    await region.prisma.regionSigningKey.deleteMany();
    // A key as regions stored it before they had a KMS: sealed under the region master key.
    const der = privateKey.export({ format: "der", type: "pkcs8" });
    await region.prisma.regionSigningKey.create({
      data: {
        id,
        purpose: "audit-log",
        name: keyName("audit-log", REGION),
        publicKey: toBytes(ed25519RawPublicKey(publicKey)),
        sealedPrivateKey: toBytes(seal(der, context(id))),
        wrappedBy: "sealing-key",
      },
    });
  });
  afterAll(() => useRegionKms({}));

  async function expectSameKey(): Promise<void> {
    const key = await regionKey("audit-log");
    expect(key.rawPublicKey.equals(ed25519RawPublicKey(publicKey))).toBe(true);
    const message = Buffer.from("checkpoint");
    expect(verify(null, message, publicKey, sign(null, message, key.privateKey))).toBe(true);
  }

  it("rewraps a legacy sealing-key row under the region KMS on first load, once, audited", async () => {
    const legacy = Buffer.from((await row()).sealedPrivateKey);
    await expectSameKey();
    const moved = await row();
    expect(moved.wrappedBy).toBe(LOCAL);
    expect(Buffer.from(moved.sealedPrivateKey).equals(legacy)).toBe(false);
    expect(() => unseal(Buffer.from(moved.sealedPrivateKey), context(id))).toThrow();
    expect((await rewraps()).map((e) => e.details)).toEqual([{ purpose: "audit-log", from: "sealing-key", to: LOCAL }]);

    forgetRegionKeys();
    await expectSameKey();
    expect(await rewraps()).toHaveLength(1);
  });

  it("moves to an HSM region key when the custody says so, and opens from there", async () => {
    await useRegionKms({ region: { provider: "pkcs11", keyRef: "region/{region}" } });
    await expectSameKey();
    expect((await row()).wrappedBy).toBe(HSM);
    expect((await rewraps()).map((e) => e.details)).toEqual([
      { purpose: "audit-log", from: "sealing-key", to: LOCAL },
      { purpose: "audit-log", from: LOCAL, to: HSM },
    ]);
    // A fresh process (nothing cached, provider reopened) opens it from the HSM.
    await useRegionKms({ region: { provider: "pkcs11", keyRef: "region/{region}" } });
    await expectSameKey();
    expect(await rewraps()).toHaveLength(2);
    // A new key is created under the HSM directly.
    const witness = await regionKey("witness");
    const stored = await region.prisma.regionSigningKey.findFirstOrThrow({ where: { purpose: "witness" } });
    expect(stored.wrappedBy).toBe(HSM);
    expect(Buffer.from(stored.publicKey).equals(witness.rawPublicKey)).toBe(true);
  });
});
