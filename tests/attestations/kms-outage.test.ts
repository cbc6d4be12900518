import { describe, expect, it } from "vitest";
import { resetEnvCache } from "@/platform/env";
import { closeKmsProviders } from "@/platform/kms/providers";
import { integratePending } from "@/modules/audit/server/integrator";
import { forgetRegionKeys } from "@/modules/audit/server/signing-keys";
import { issueAttestationOnDemand } from "@/modules/attestations/server/issue";
import { evidencePackage } from "@/modules/evidence/server/package";
import { DATABASE_KINDS } from "../helpers/databases";
import { useSoftHsmCustody } from "../helpers/keys-hsm";
import { ORIGIN } from "../helpers/keys-world";
import { EU, useSeededRegion } from "../helpers/seeded-region";

// The region's signing keys are wrapped by a real SoftHSM2 token: the region KMS.
useSoftHsmCustody({ region: { provider: "pkcs11", keyRef: "region/{region}" } });

const SLUG = "northwind-eu";
const PERIOD = { from: "2026-01-01", to: "2026-02-01" };

describe.each(DATABASE_KINDS)("issuing and packaging evidence while the region KMS is unreachable, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1", { keys: true });

  it("signs nothing, stores nothing, says so (503) and records the refusal; works again once the KMS is back", async () => {
    // The log's own key stays open in memory (the seed's entries are integrated); the attestation
    // key is forgotten, so the KMS must answer to open (or create) it.
    await integratePending();
    const admin = await world.session(EU.northwindAdmin);
    const pin = process.env.PKCS11_PIN!;
    try {
      await closeKmsProviders();
      process.env.PKCS11_PIN = "000000";
      resetEnvCache();
      forgetRegionKeys("attestation");
      await expect(issueAttestationOnDemand(admin, SLUG, PERIOD, ORIGIN)).rejects.toMatchObject({
        status: 503,
        code: "signing_key_unavailable",
      });
      expect(await world.prisma.attestation.count()).toBe(0);
      // An evidence package's manifest is signed with the same key: refused before the first byte.
      await expect(evidencePackage(admin, SLUG, PERIOD, ORIGIN)).rejects.toMatchObject({
        status: 503,
        code: "signing_key_unavailable",
      });
      expect(await world.prisma.evidenceActivity.count()).toBe(0);
      const refused = await world.prisma.auditEntry.findFirstOrThrow({ where: { action: "attestation.refused" } });
      expect(refused).toMatchObject({
        outcome: "failure",
        details: { period: "2026-01", reason: "signing_key_unavailable" },
      });
    } finally {
      await closeKmsProviders();
      process.env.PKCS11_PIN = pin;
      resetEnvCache();
    }
    const issued = await issueAttestationOnDemand(admin, SLUG, PERIOD, ORIGIN);
    expect(issued).toMatchObject({ period: "2026-01", state: "issued" });
    expect(await world.prisma.regionSigningKey.findFirstOrThrow({ where: { purpose: "attestation" } })).toMatchObject({
      wrappedBy: "kms:pkcs11:region/eu-central-1",
    });
  });
});
