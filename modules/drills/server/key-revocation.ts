import "server-only";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { KeyUnavailableError } from "@/platform/kms/provider";
import { openDataKey } from "@/modules/keys/server/material";
import { completeReceipt, RECEIPT_DEADLINE_MS, type ReceiptBody } from "@/modules/keys/server/revocation";
import { ensureDrillKey, setDrillKeyState } from "@/modules/drills/server/drill-key";
import { DrillCheckFailed, type DrillContext } from "@/modules/drills/server/context";
import type { InstanceTiming } from "@/modules/drills/domain/model";

export const DRILL_SERVICE = "terrane-residency-drill";
const POLL_MS = 25;
const RECOVERY_GIVE_UP_MS = 15_000;

/** One decrypt under the key: its newest data key unwrapped by the KMS after the state check. */
export async function decryptUnderKey(db: PrismaClient, tenantId: string, keyId: string): Promise<void> {
  const dek = await db.dataKey.findFirst({
    where: { tenantId, keyId, state: "active" },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (!dek) throw new KeyUnavailableError("no_key", "The drill key has no data key.");
  (await openDataKey(db, tenantId, dek.id, DRILL_SERVICE)).key.fill(0);
}

async function refused(run: () => Promise<void>): Promise<KeyUnavailableError | null> {
  try {
    await run();
    return null;
  } catch (err) {
    if (err instanceof KeyUnavailableError) return err;
    throw err;
  }
}

/** The receipt once every instance alive at the disable has reported (or, past the deadline, as it stands). */
async function receiptWhenDone(db: PrismaClient, receiptId: string): Promise<{ status: string; body: ReceiptBody }> {
  const deadline = Date.now() + RECEIPT_DEADLINE_MS + 5_000;
  for (;;) {
    const r = await db.revocationReceipt.findUniqueOrThrow({
      where: { id: receiptId },
      select: { status: true, body: true },
    });
    if (r.status !== "pending") return { status: r.status, body: r.body as unknown as ReceiptBody };
    // The periodic task completes overdue receipts; a process running no tasks does it itself.
    if (Date.now() > deadline) await completeReceipt(db, receiptId, true);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Disable the tenant's drill key, let every instance of the region prove by its revocation probe
 * that decrypts fail (the signed receipt), enable it again and measure how long until this
 * instance decrypts again. The key is enabled again whatever happens in between.
 */
export async function keyRevocationDrill(
  ctx: DrillContext,
): Promise<{ passed: boolean; figures: Record<string, unknown> }> {
  const { db, tenant } = ctx;
  const keyId = await ctx.step(
    "drill_key_ready",
    () => ensureDrillKey(db, tenant),
    (id) => `drill key ${id}`,
  );
  await ctx.step("decrypts_before", () => decryptUnderKey(db, tenant.id, keyId));
  const restore = `Enable the tenant's drill key ${keyId} (POST /api/v1/tenants/${tenant.slug}/keys/${keyId}/enable as a customer admin); it was left disabled by drill ${ctx.drill.id}.`;
  let disabledAt: Date | null = null;
  let receipt: { status: string; body: ReceiptBody } | undefined;
  let refusedHere: KeyUnavailableError | null | undefined;
  try {
    const disabled = await ctx.step(
      "drill_key_disabled",
      async () => {
        const r = await setDrillKeyState(db, tenant.id, keyId, "disabled", ctx.drill.id);
        ctx.leftToDo.add(restore);
        return r;
      },
      (r) => `receipt ${r.receiptId}`,
    );
    disabledAt = disabled.at;
    receipt = await ctx.step(
      "revoked_on_every_instance",
      () => receiptWhenDone(db, disabled.receiptId!),
      (r) => `${r.body.instances.length} instance(s), slowest ${r.body.max_ms ?? "–"} ms, ${r.status}`,
    );
    refusedHere = await ctx.step(
      "decrypt_refused",
      () => refused(() => decryptUnderKey(db, tenant.id, keyId)),
      (e) => (e ? e.reason : "a decrypt SUCCEEDED with the key disabled"),
    );
  } finally {
    if (disabledAt)
      await ctx.step("drill_key_enabled", () => setDrillKeyState(db, tenant.id, keyId, "enabled", ctx.drill.id));
    ctx.leftToDo.delete(restore);
  }
  const enabledAt = Date.now();
  const recovery = await ctx.step(
    "decrypts_again",
    async () => {
      let attempts = 0;
      for (;;) {
        attempts++;
        const err = await refused(() => decryptUnderKey(db, tenant.id, keyId));
        if (!err) return { ms: Date.now() - enabledAt, attempts };
        if (Date.now() - enabledAt > RECOVERY_GIVE_UP_MS)
          throw new DrillCheckFailed(
            `the drill key still does not decrypt ${RECOVERY_GIVE_UP_MS} ms after it was enabled`,
          );
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    (r) => `${r.ms} ms`,
  );
  const instances: InstanceTiming[] = (receipt?.body.instances ?? []).map((i) => ({
    instance: i.instance,
    ms: i.ms,
    attempts: i.attempts,
  }));
  const passed = receipt?.status === "complete" && refusedHere instanceof KeyUnavailableError;
  return {
    passed,
    figures: {
      drill_key_id: keyId,
      receipt_id: receipt?.body.id ?? null,
      receipt_status: receipt?.status ?? null,
      time_to_revoke: instances,
      max_ms: receipt?.body.max_ms ?? null,
      missing: receipt?.body.missing ?? [],
      recovery_ms: recovery.ms,
      recovery_attempts: recovery.attempts,
    },
  };
}
