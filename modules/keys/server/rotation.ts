import "server-only";
import { databaseNow } from "@/platform/db/db-time";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/platform/auth/actor";
import { kmsProvider } from "@/platform/kms/providers";
import { ConflictError, NotFoundError } from "@/platform/errors";
import { logger } from "@/platform/log/logger";
import { appendAudit } from "@/modules/audit/server/append";
import { toBytes } from "@/platform/db/bytes";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { enqueueJob } from "@/platform/jobs/enqueue";
import { advanceRotation } from "@/modules/keys/server/rotation-work";
import { keySummary, rotationSummary, type KeySummary, type RotationSummary } from "@/modules/keys/server/tenant-keys";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";

const DAY_MS = 86_400_000;
const ACTIVE_STAGES = ["rewrap", "new_data_key", "reencrypt", "retire"];

/**
 * Starts a rotation: a new CMK version (made in the KMS first, so a crash leaves at worst an
 * unused version there), then, in one transaction, the version becomes current and a rotation
 * record is opened. The rest (rewrap, re-encrypt, retire) runs in the background, resumably.
 */
export async function beginRotation(
  db: PrismaClient,
  keyId: string,
  tenantId: string,
  actor: Actor,
  trigger: "manual" | "scheduled",
): Promise<string> {
  const key = await db.tenantKey.findFirst({
    where: { id: keyId, tenantId },
    select: { id: true, tenantId: true, provider: true, keyRef: true, currentVersion: true },
  });
  if (!key) throw new NotFoundError("This tenant has no such key.", "key_not_found");
  const versionId = randomUUID();
  const version = key.currentVersion + 1;
  const provider = await kmsProvider(key.provider);
  const created = await provider.createVersion({ keyRef: key.keyRef, keyId, version, versionId });
  const rotationId = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ state: string; current_version: number; rotation_period_days: number }[]>`
      SELECT state, current_version, rotation_period_days FROM tenant_keys WHERE id = ${keyId} FOR UPDATE`;
    if (!row) throw new NotFoundError("This tenant has no such key.", "key_not_found");
    if (row.state !== "enabled")
      throw new ConflictError(
        `A key that is ${row.state.replace("_", " ")} cannot be rotated: enable it first.`,
        "key_state_conflict",
      );
    if (row.current_version !== key.currentVersion)
      throw new ConflictError("Another rotation of this key just started.", "rotation_in_progress");
    const running = await tx.keyRotation.findFirst({
      where: { keyId, stage: { in: ACTIVE_STAGES } },
      select: { id: true },
    });
    if (running)
      throw new ConflictError(
        "A rotation of this key is still in progress; it must finish first.",
        "rotation_in_progress",
      );
    const now = await databaseNow(tx);
    await tx.tenantKeyVersion.create({
      data: {
        id: versionId,
        keyId,
        version,
        state: "active",
        handle: created.handle,
        sealedMaterial: created.sealedMaterial ? toBytes(created.sealedMaterial) : null,
      },
      select: { id: true },
    });
    await tx.tenantKey.update({
      where: { id: keyId },
      data: {
        currentVersion: version,
        lastRotatedAt: now,
        nextRotationAt: new Date(now.getTime() + row.rotation_period_days * DAY_MS),
      },
      select: { id: true },
    });
    const rotation = await tx.keyRotation.create({
      data: {
        keyId,
        tenantId,
        fromVersion: key.currentVersion,
        toVersion: version,
        trigger,
        stage: "rewrap",
        startedAt: now,
        updatedAt: now,
      },
      select: { id: true },
    });
    const details = { rotation_id: rotation.id, from_version: key.currentVersion, to_version: version, trigger };
    await tx.keyEvent.create({
      data: {
        keyId,
        tenantId,
        at: now,
        type: "rotated",
        actorType: actor.type,
        actorId: actor.type === "user" ? actor.userId : null,
        details,
      },
    });
    await appendAudit(tx, {
      actor,
      tenantId,
      action: "key.rotated",
      subject: `key:${keyId}`,
      outcome: "success",
      details,
    });
    return rotation.id;
  });
  // Not awaited: the caller sees progress through the key's rotation summary.
  void advanceRotation(db, rotationId).catch((err) =>
    logger().error({ err, rotation: rotationId }, "rotation stopped; it resumes on the next pass"),
  );
  return rotationId;
}

/** Rotate now, from the customer admin. */
export function rotateKeyNow(
  actor: Actor,
  tenantSlug: string,
  keyId: string,
  request: RequestOrigin,
): Promise<{ key: KeySummary; rotation: RotationSummary }> {
  return withTenant(actor, tenantSlug, "keys.manage", request, async (scope) => {
    const rotationId = await beginRotation(scope.db, keyId, scope.tenant.id, actor, "manual");
    const rotation = await scope.db.keyRotation.findUniqueOrThrow({ where: { id: rotationId } });
    return { key: await keySummary(scope, keyId), rotation: rotationSummary(rotation) };
  });
}

/** Resumes every unfinished rotation (after a crash, or one paused by a disable). */
export async function resumeRotations(db: PrismaClient): Promise<number> {
  const open = await db.keyRotation.findMany({ where: { stage: { in: ACTIVE_STAGES } }, select: { id: true } });
  for (const r of open) await advanceRotation(db, r.id);
  return open.length;
}

/** Keys whose automatic rotation is due become jobs on the queue (once per due date). */
export async function scheduleDueRotations(db: PrismaClient, now = new Date()): Promise<number> {
  const due = await db.tenantKey.findMany({
    where: { state: "enabled", nextRotationAt: { lte: now } },
    select: { id: true, tenantId: true, nextRotationAt: true },
  });
  for (const k of due) {
    await enqueueJob(db, {
      kind: "key.rotate",
      payload: { key_id: k.id, tenant_id: k.tenantId },
      dedupeKey: `key.rotate:${k.id}:${k.nextRotationAt.toISOString()}`,
    });
  }
  return due.length;
}

/** The job: rotate if still due and enabled (a manual rotation may have come first). */
export async function runScheduledRotation(
  db: PrismaClient,
  keyId: string,
  tenantId: string,
  now = new Date(),
): Promise<void> {
  const key = await db.tenantKey.findFirst({
    where: { id: keyId, tenantId },
    select: { state: true, nextRotationAt: true },
  });
  if (!key || key.state !== "enabled" || key.nextRotationAt > now) return;
  const running = await db.keyRotation.findFirst({
    where: { keyId, stage: { in: ACTIVE_STAGES } },
    select: { id: true },
  });
  if (running) return;
  await beginRotation(db, keyId, tenantId, { type: "system", name: "key-rotation-scheduler" }, "scheduled");
}
