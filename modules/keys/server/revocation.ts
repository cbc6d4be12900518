import "server-only";
import { sign } from "node:crypto";
import { canonicalJsonBytes } from "@/modules/audit/domain/canonical-json";
import { KeyUnavailableError } from "@/platform/kms/provider";
import { env } from "@/platform/env";
import { logger } from "@/platform/log/logger";
import { appendAudit } from "@/modules/audit/server/append";
import { databaseNow } from "@/platform/db/db-time";
import { prisma } from "@/platform/db/db";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { instanceId } from "@/platform/jobs/instance-id";
import { openDataKey } from "@/modules/keys/server/material";
import type { KeyStateNews } from "@/modules/keys/server/state-channel";
import { openFields } from "@/modules/keys/server/protected-fields";
import { deadAmong, instancesGoneBefore, type GoneInstance } from "@/platform/region/instances";
import { regionKey } from "@/modules/audit/server/signing-keys";

const PROBE_SERVICE = "terrane-revocation-probe";
const PROBE_SPACING_MS = 2;
const PROBE_GIVE_UP_MS = 30_000;
/** A receipt still missing probes after this long is completed as incomplete, naming who is missing. */
export const RECEIPT_DEADLINE_MS = 30_000;

/**
 * One decrypt of the canaries under the disabled key's data keys (or, with none, of its newest
 * data key). Per key, not per tenant: a tenant's drill key (modules/drills) is disabled while its
 * primary key stays enabled, and the primary key's canaries would go on decrypting.
 */
async function probeOnce(db: PrismaClient, tenantId: string, keyId: string): Promise<void> {
  const dataKeys = await db.dataKey.findMany({ where: { tenantId, keyId }, select: { id: true } });
  const canaries = await db.storeCanary.findMany({
    where: { tenantId, dataKeyId: { in: dataKeys.map((d) => d.id) } },
    select: { storeId: true, ciphertext: true },
    take: 3,
  });
  if (canaries.length === 0) {
    const dek = await db.dataKey.findFirst({
      where: { tenantId, keyId, state: "active" },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    });
    if (!dek) throw new KeyUnavailableError("no_key", "no data key left");
    (await openDataKey(db, tenantId, dek.id, PROBE_SERVICE)).key.fill(0);
    return;
  }
  for (const c of canaries)
    await openFields(db, tenantId, "store_canaries", c.storeId, { ciphertext: c.ciphertext }, PROBE_SERVICE);
}

/**
 * `localAt` (this host's clock) on the database's clock, which also stamped the disable: instances
 * on other hosts would otherwise add their clock skew to the receipt. One round trip measures this
 * host's offset; the error is at most half of it.
 */
async function onDatabaseClock(db: PrismaClient, localAt: number): Promise<Date> {
  const sent = Date.now();
  const dbNow = await databaseNow(db);
  const received = Date.now();
  return new Date(localAt + dbNow.getTime() - (sent + received) / 2);
}

/**
 * This instance's part of a receipt: decrypt the canaries until it fails, then report when.
 * Runs on every instance that hears of the disable (its own, or by database notification).
 */
export async function probeUntilRevoked(news: KeyStateNews): Promise<void> {
  if (!news.receiptId || news.state === "enabled") return;
  const db = await prisma();
  const receipt = await db.revocationReceipt.findUnique({
    where: { id: news.receiptId },
    select: { disabledAt: true, status: true },
  });
  if (!receipt || receipt.status !== "pending") return;
  const started = Date.now();
  let attempts = 0;
  for (;;) {
    attempts++;
    try {
      await probeOnce(db, news.tenantId, news.keyId);
    } catch (err) {
      if (!(err instanceof KeyUnavailableError))
        logger().warn({ err }, "revocation probe failed unexpectedly; counted as a failed decrypt");
      const failedAt = await onDatabaseClock(db, Date.now());
      await db.revocationProbe.upsert({
        where: { receiptId_instanceId: { receiptId: news.receiptId, instanceId: instanceId() } },
        create: {
          receiptId: news.receiptId,
          instanceId: instanceId(),
          failedAt,
          ms: Math.max(0, failedAt.getTime() - receipt.disabledAt.getTime()),
          attempts,
        },
        update: {},
      });
      await completeReceipt(db, news.receiptId, false);
      return;
    }
    if (Date.now() - started > PROBE_GIVE_UP_MS) {
      logger().error({ receipt: news.receiptId }, "decrypts still succeed long after a disable");
      return;
    }
    await new Promise((r) => setTimeout(r, PROBE_SPACING_MS));
  }
}

export interface ReceiptBody {
  type: "terrane.revocation-receipt/v1";
  id: string;
  region: string;
  tenant_id: string;
  key_id: string;
  disabled_at: string;
  instances: { instance: string; failed_at: string; ms: number; attempts: number }[];
  missing: string[];
  /**
   * Instances registered in the region that had died before the disable (no heartbeat within the
   * liveness window): not waited for, since a dead process holds no data keys. Absent from
   * receipts issued before it was added; the signature covers it like every other field.
   */
  instances_gone: GoneInstance[];
  max_ms: number | null;
  complete: boolean;
  issued_at: string;
}

/** Signs and stores the receipt once every expected instance has reported (or, forced, now). */
export async function completeReceipt(db: PrismaClient, receiptId: string, force: boolean): Promise<boolean> {
  const key = await regionKey("audit-log");
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM revocation_receipts WHERE id = ${receiptId} AND status = 'pending' FOR UPDATE`;
    if (!row) return false;
    const receipt = await tx.revocationReceipt.findUniqueOrThrow({
      where: { id: receiptId },
      include: { probes: { orderBy: { failedAt: "asc" } } },
    });
    const expected = (receipt.expected as string[]) ?? [];
    const reported = new Set(receipt.probes.map((p) => p.instanceId));
    const missing = expected.filter((id) => !reported.has(id));
    if (missing.length > 0 && !force) return false;
    const maxMs = receipt.probes.length ? Math.max(...receipt.probes.map((p) => p.ms)) : null;
    const gone = await instancesGoneBefore(tx, receipt.disabledAt, expected);
    const body: ReceiptBody = {
      type: "terrane.revocation-receipt/v1",
      id: receipt.id,
      region: env().REGION,
      tenant_id: receipt.tenantId,
      key_id: receipt.keyId,
      disabled_at: receipt.disabledAt.toISOString(),
      instances: receipt.probes.map((p) => ({
        instance: p.instanceId,
        failed_at: p.failedAt.toISOString(),
        ms: p.ms,
        attempts: p.attempts,
      })),
      missing,
      instances_gone: gone,
      max_ms: maxMs,
      complete: missing.length === 0,
      issued_at: new Date().toISOString(),
    };
    const signature = JSON.stringify({
      alg: "Ed25519",
      key: key.verifierKey,
      value: sign(null, canonicalJsonBytes(body), key.privateKey).toString("base64"),
    });
    await tx.revocationReceipt.update({
      where: { id: receiptId },
      data: {
        status: body.complete ? "complete" : "incomplete",
        maxMs,
        body: { ...body },
        signature,
        completedAt: new Date(body.issued_at),
      },
      select: { id: true },
    });
    await appendAudit(tx, {
      actor: { type: "system", name: "revocation-prober" },
      tenantId: receipt.tenantId,
      action: "key.revocation_receipt",
      subject: `key:${receipt.keyId}`,
      outcome: body.complete ? "success" : "failure",
      details: {
        receipt_id: receipt.id,
        max_ms: maxMs,
        instances: body.instances.length,
        missing,
        instances_gone: gone.length,
      },
    });
    return true;
  });
}

/**
 * Pending receipts that will hear from no one else: past the deadline, or every instance still
 * missing has died since the disable (stopped, or silent past the liveness window). Completed as
 * incomplete, naming who is missing.
 */
export async function completeOverdueReceipts(db: PrismaClient, now = new Date()): Promise<number> {
  const pending = await db.revocationReceipt.findMany({
    where: { status: "pending" },
    select: { id: true, disabledAt: true, expected: true, probes: { select: { instanceId: true } } },
  });
  let done = 0;
  for (const r of pending) {
    const overdue = r.disabledAt.getTime() < now.getTime() - RECEIPT_DEADLINE_MS;
    const reported = new Set(r.probes.map((p) => p.instanceId));
    const missing = ((r.expected as string[]) ?? []).filter((id) => !reported.has(id));
    const hopeless = missing.length > 0 && (await deadAmong(db, missing)).length === missing.length;
    if ((overdue || hopeless) && (await completeReceipt(db, r.id, true))) done++;
  }
  return done;
}
