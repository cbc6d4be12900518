import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDrill } from "@/modules/drills/server/start";
import { grantConsent } from "@/modules/drills/server/consent";
import { runDrillJob } from "@/modules/drills/server/run";
import { startKeyServices } from "@/modules/keys/server/services";
import { listTenantContacts } from "@/modules/tenants/server/contacts";
import { beginKmsOutage } from "@/platform/kms/outage";
import { dekCache } from "@/modules/keys/server/material";
import { instanceId } from "@/platform/jobs/instance-id";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU } from "../helpers/seeded-region";
import { decryptEverything, ORIGIN, primaryKeyId, tenantId, useKeyWorld } from "../helpers/keys-world";
import { expectReportVerifies } from "./drill-world";

const SLUG = "northwind-eu";
const TENANT = tenantId(SLUG);

describe.each(DATABASE_KINDS)("drills run on the local KMS on %s", (kind) => {
  const world = useKeyWorld(kind);
  let stopServices: () => Promise<void>;
  beforeAll(async () => {
    stopServices = await startKeyServices(world.database);
  });
  afterAll(async () => {
    await stopServices?.();
  });

  async function run(email: string, drillKind: "key_revocation" | "kms_outage") {
    const { id } = await startDrill(await world.session(email), SLUG, { kind: drillKind }, ORIGIN);
    await runDrillJob(id);
    return world.prisma.drill.findUniqueOrThrow({ where: { id } });
  }

  it("key revocation: the drill key is disabled, revoked on this instance, enabled again; customer keys untouched", async () => {
    const primary = await primaryKeyId(world.prisma, SLUG);
    const primaryBefore = await world.prisma.tenantKey.findUniqueOrThrow({ where: { id: primary } });
    const grantsBefore = await world.prisma.supportGrant.count({ where: { tenantId: TENANT, revokedAt: null } });
    const drill = await run(EU.northwindAdmin, "key_revocation");
    expect(drill.failure).toBeNull();
    expect(drill.state).toBe("completed");
    const result = drill.result as {
      passed: boolean;
      figures: Record<string, unknown>;
      steps: { step: string; outcome: string }[];
    };
    expect(result.passed).toBe(true);
    expect(result.steps.map((s) => s.step)).toEqual([
      "drill_key_ready",
      "decrypts_before",
      "drill_key_disabled",
      "revoked_on_every_instance",
      "decrypt_refused",
      "drill_key_enabled",
      "decrypts_again",
    ]);
    const timings = result.figures.time_to_revoke as { instance: string; ms: number }[];
    expect(timings.map((t) => t.instance)).toEqual([instanceId()]);
    expect(result.figures.receipt_status).toBe("complete");
    expect(typeof result.figures.recovery_ms).toBe("number");

    const drillKey = await world.prisma.tenantKey.findFirstOrThrow({ where: { tenantId: TENANT, alias: "drill" } });
    expect(drillKey.state).toBe("enabled");
    const receipt = await world.prisma.revocationReceipt.findFirstOrThrow({ where: { keyId: drillKey.id } });
    expect(receipt.status).toBe("complete");
    // The customer's key did not move, its data still reads, and support grants were not revoked.
    const primaryAfter = await world.prisma.tenantKey.findUniqueOrThrow({ where: { id: primary } });
    expect(primaryAfter.state).toBe("enabled");
    expect(primaryAfter.stateChangedAt).toEqual(primaryBefore.stateChangedAt);
    expect(await world.prisma.revocationReceipt.count({ where: { keyId: primary } })).toBe(0);
    expect((await decryptEverything(world.prisma, TENANT)).length).toBeGreaterThan(0);
    expect(await world.prisma.supportGrant.count({ where: { tenantId: TENANT, revokedAt: null } })).toBe(grantsBefore);

    const predicate = await expectReportVerifies(world.prisma, drill.id);
    expect(predicate).toMatchObject({
      drill_id: drill.id,
      kind: "key_revocation",
      passed: true,
      tenant: { slug: SLUG },
    });
    const actions = await world.prisma.auditEntry.findMany({
      where: { subject: `drill:${drill.id}` },
      orderBy: { seq: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual(["drill.started", ...Array(7).fill("drill.step"), "drill.completed"]);
    const told = await world.prisma.notification.findMany({ where: { tenantId: TENANT, event: "drill.completed" } });
    expect(told.length).toBeGreaterThanOrEqual(2);
  }, 90_000);

  it("the outage switch: nothing of the tenant decrypts and the read path serves no plaintext; restored, it reads again", async () => {
    const admin = await world.session(EU.northwindAdmin);
    const before = await listTenantContacts(admin, SLUG, ORIGIN);
    if (!before.available) throw new Error("contacts should read before the outage");
    const secrets = before.value.flatMap((c) => [c.name, c.email]);
    expect(secrets.length).toBeGreaterThan(0);
    const keys = await world.prisma.tenantKey.findMany({ where: { tenantId: TENANT }, select: { id: true } });
    const end = beginKmsOutage(keys.map((k) => k.id));
    try {
      for (const k of keys) dekCache().dropKey(k.id);
      const during = await listTenantContacts(admin, SLUG, ORIGIN);
      expect(during).toMatchObject({ available: false, state: "kms_unreachable" });
      const served = JSON.stringify(during);
      for (const s of secrets) expect(served).not.toContain(s);
      await expect(decryptEverything(world.prisma, TENANT)).rejects.toMatchObject({ reason: "kms_unreachable" });
      // Another tenant is served as usual.
      expect((await listTenantContacts(await world.session(EU.kestrelAdmin), "kestrel-eu", ORIGIN)).available).toBe(
        true,
      );
    } finally {
      end();
    }
    expect((await listTenantContacts(admin, SLUG, ORIGIN)).available).toBe(true);
  });

  it("KMS outage drill by a compliance officer with consent: every decrypt refused, no plaintext served, recovered", async () => {
    await grantConsent(
      await world.session(EU.northwindAdmin),
      SLUG,
      { kinds: ["kms_outage", "key_revocation"], expires_at: new Date(Date.now() + 7 * 86_400_000) },
      ORIGIN,
    );
    const drill = await run(EU.compliance, "kms_outage");
    expect(drill.failure).toBeNull();
    expect(drill.state).toBe("completed");
    const result = drill.result as {
      passed: boolean;
      figures: Record<string, unknown>;
      steps: { step: string; outcome: string }[];
    };
    expect(result.passed).toBe(true);
    expect(result.steps.every((s) => s.outcome === "ok")).toBe(true);
    expect(result.figures).toMatchObject({
      providers: ["local"],
      hsm_session_closed: false,
      refusal_reasons: ["kms_unreachable"],
      read_path_checked: true,
      read_path_available_during: false,
      read_path_available_after: true,
    });
    expect(result.figures.decrypts_refused as number).toBeGreaterThan(1);
    expect(drill.leftToDo).toEqual([]);
    // Restored for good: the tenant reads again in this process.
    expect((await decryptEverything(world.prisma, TENANT)).length).toBeGreaterThan(0);
    const predicate = await expectReportVerifies(world.prisma, drill.id);
    expect(predicate).toMatchObject({ kind: "kms_outage", started_by: { name: expect.any(String) } });
  }, 60_000);

  it("a drill that cannot restore stops, fails, alerts and says what is left to do", async () => {
    // The drill key is disabled behind the drill's back, as if its enable had failed half-way.
    const drillKey = await world.prisma.tenantKey.findFirstOrThrow({ where: { tenantId: TENANT, alias: "drill" } });
    const { id } = await startDrill(await world.session(EU.northwindAdmin), SLUG, { kind: "key_revocation" }, ORIGIN);
    await world.prisma.drill.update({
      where: { id },
      data: { result: { steps: [{ step: "drill_key_disabled", outcome: "ok", at: new Date().toISOString(), ms: 1 }] } },
    });
    await world.prisma.tenantKey.update({ where: { id: drillKey.id }, data: { state: "pending_deletion" } });
    try {
      await runDrillJob(id);
      const failed = await world.prisma.drill.findUniqueOrThrow({ where: { id } });
      expect(failed.state).toBe("failed");
      expect(failed.failure).toMatch(/interrupted/);
      expect(failed.report).toBeNull();
      expect(failed.leftToDo).toHaveLength(1);
      expect(failed.leftToDo[0]).toContain(drillKey.id);
      expect(failed.leftToDo[0]).toMatch(/pending deletion/);
      const told = await world.prisma.notification.findFirstOrThrow({
        where: { tenantId: TENANT, event: "drill.failed" },
        orderBy: { createdAt: "desc" },
      });
      expect(told.title).toMatch(/failed: action needed/);
      expect(told.body).toContain(drillKey.id);
      expect(await world.prisma.auditEntry.count({ where: { action: "drill.failed", subject: `drill:${id}` } })).toBe(
        1,
      );
    } finally {
      await world.prisma.tenantKey.update({ where: { id: drillKey.id }, data: { state: "enabled" } });
    }
  });
});
