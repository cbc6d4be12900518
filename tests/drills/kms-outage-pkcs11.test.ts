import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kmsProvider } from "@/platform/kms/providers";
import { isSuspendable } from "@/platform/kms/outage";
import { startDrill } from "@/modules/drills/server/start";
import { runDrillJob } from "@/modules/drills/server/run";
import { startKeyServices } from "@/modules/keys/server/services";
import { dekCache } from "@/modules/keys/server/material";
import { listTenantContacts } from "@/modules/tenants/server/contacts";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU } from "../helpers/seeded-region";
import { useSoftHsmCustody } from "../helpers/keys-hsm";
import { decryptEverything, ORIGIN, primaryKeyId, tenantId, useKeyWorld } from "../helpers/keys-world";
import { expectReportVerifies } from "./drill-world";

// Every managed-tier tenant's key in a real SoftHSM2 token (northwind-eu is managed).
useSoftHsmCustody({ tiers: { managed: { provider: "pkcs11", keyRef: "t/{tenant}" } } });

const SLUG = "northwind-eu";
const TENANT = tenantId(SLUG);

describe.each(DATABASE_KINDS)("KMS outage drill with the key in an HSM (pkcs11, SoftHSM2) on %s", (kind) => {
  const world = useKeyWorld(kind);
  let stopServices: () => Promise<void>;
  beforeAll(async () => {
    stopServices = await startKeyServices(world.database);
  });
  afterAll(async () => {
    await stopServices?.();
  });

  it("the token really cut off: the session is closed, nothing decrypts, no plaintext served; back, it reads", async () => {
    const key = await world.prisma.tenantKey.findUniqueOrThrow({
      where: { id: await primaryKeyId(world.prisma, SLUG) },
    });
    expect(key.provider).toBe("pkcs11");
    const admin = await world.session(EU.northwindAdmin);
    const before = await listTenantContacts(admin, SLUG, ORIGIN);
    if (!before.available) throw new Error("contacts should read before the outage");
    const hsm = await kmsProvider("pkcs11");
    if (!isSuspendable(hsm)) throw new Error("the pkcs11 provider must be suspendable");
    await hsm.suspend();
    try {
      dekCache().dropKey(key.id);
      const during = await listTenantContacts(admin, SLUG, ORIGIN);
      expect(during).toMatchObject({ available: false, state: "kms_unreachable" });
      for (const c of before.value) expect(JSON.stringify(during)).not.toContain(c.email);
      await expect(decryptEverything(world.prisma, TENANT)).rejects.toMatchObject({ reason: "kms_unreachable" });
    } finally {
      hsm.resume();
    }
    expect((await listTenantContacts(admin, SLUG, ORIGIN)).available).toBe(true);
  });

  it("the drill completes: every decrypt refused while the HSM session is closed, recovery timed, report signed", async () => {
    const { id } = await startDrill(await world.session(EU.northwindAdmin), SLUG, { kind: "kms_outage" }, ORIGIN);
    await runDrillJob(id);
    const drill = await world.prisma.drill.findUniqueOrThrow({ where: { id } });
    expect(drill.failure).toBeNull();
    expect(drill.state).toBe("completed");
    const result = drill.result as { passed: boolean; figures: Record<string, unknown> };
    expect(result.passed).toBe(true);
    expect(result.figures).toMatchObject({
      providers: ["pkcs11"],
      hsm_session_closed: true,
      refusal_reasons: ["kms_unreachable"],
      read_path_available_during: false,
      read_path_available_after: true,
    });
    expect((await decryptEverything(world.prisma, TENANT)).length).toBeGreaterThan(0);
    await expectReportVerifies(world.prisma, id);
  }, 60_000);
});
