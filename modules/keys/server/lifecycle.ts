import "server-only";
import { databaseNow } from "@/platform/db/db-time";
import { enqueueJob } from "@/platform/jobs/enqueue";
import { destroyKeyJobRequest } from "@/modules/keys/server/destruction";
import type { Actor } from "@/platform/auth/actor";
import { BadRequestError, ConflictError, NotFoundError } from "@/platform/errors";
import { appendAudit } from "@/modules/audit/server/append";
import { revokeTenantGrants } from "@/modules/support/server/revocation";
import type { AuditEvent } from "@/modules/audit/domain/actions";
import type { Prisma } from "@/platform/db/generated/prisma/client";
import type { Tx } from "@/platform/db/transaction";
import { announceKeyState, keyStateChanged, type KeyStateNews } from "@/modules/keys/server/state-channel";
import { liveInstanceIds } from "@/platform/region/instances";
import { keySummary, type KeySummary } from "@/modules/keys/server/tenant-keys";
import { withTenant, type RequestOrigin, type TenantScope } from "@/platform/access/with-tenant";

const DAY_MS = 86_400_000;

type KeyState = "enabled" | "disabled" | "pending_deletion" | "destroyed";

interface Change {
  /** The key-event type and the audit action's suffix, e.g. "disabled" (so `key.disabled` must be registered). */
  event: AuditEvent<"key">;
  /** States the key may be in for this change; anything else is a 409 with `refusal`. */
  from: KeyState[];
  refusal: (state: KeyState) => string;
  data: (now: Date) => Prisma.TenantKeyUpdateInput;
  details?: Prisma.InputJsonObject;
  /** Runs in the same transaction, after the update (jobs, receipts). */
  also?: (
    tx: Tx,
    key: { id: string; tenantId: string },
    now: Date,
    fromState: KeyState,
  ) => Promise<Prisma.InputJsonObject | void>;
}

export interface KeyChangeResult {
  key: KeySummary;
  receipt?: { id: string; status: string };
}

function confirmTenant(scope: TenantScope, confirm: string): void {
  if (confirm !== scope.tenant.slug) {
    throw new BadRequestError(
      `Type the tenant's name, ${scope.tenant.slug}, exactly, to confirm.`,
      "confirmation_mismatch",
    );
  }
}

/**
 * One state change of a tenant key, under a row lock: checked against the current state,
 * recorded as a key event and an audit entry in the same transaction, announced to every
 * instance of the region (so each drops the key's data keys), and told to this process.
 */
async function changeKey(
  scope: TenantScope,
  keyId: string,
  change: Change,
): Promise<{ news: KeyStateNews | null; extra: Prisma.InputJsonObject | void }> {
  const { db, tenant, actor } = scope;
  const result = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      { state: KeyState }[]
    >`SELECT state FROM tenant_keys WHERE id = ${keyId} AND tenant_id = ${tenant.id} FOR UPDATE`;
    if (!row) throw new NotFoundError("This tenant has no such key.", "key_not_found");
    if (!change.from.includes(row.state)) throw new ConflictError(change.refusal(row.state), "key_state_conflict");
    const now = await databaseNow(tx);
    const updated = await tx.tenantKey.update({
      where: { id: keyId },
      data: change.data(now),
      select: { id: true, tenantId: true, state: true },
    });
    const extra = await change.also?.(tx, updated, now, row.state);
    const details = { ...(change.details ?? {}), ...(extra ?? {}), from_state: row.state, to_state: updated.state };
    await tx.keyEvent.create({
      data: {
        keyId,
        tenantId: tenant.id,
        at: now,
        type: change.event,
        actorType: "user",
        actorId: actor.userId,
        details,
      },
    });
    await appendAudit(tx, {
      actor,
      tenantId: tenant.id,
      action: `key.${change.event}`,
      subject: `key:${keyId}`,
      outcome: "success",
      details,
    });
    const news =
      updated.state === row.state
        ? null
        : await announceKeyState(tx, {
            keyId,
            tenantId: tenant.id,
            state: updated.state,
            ...(extra && typeof extra.receipt_id === "string" ? { receiptId: extra.receipt_id } : {}),
          });
    return { news, extra };
  });
  if (result.news) keyStateChanged(result.news);
  return result;
}

/** A receipt waiting for every live instance's probe to fail. */
async function openReceipt(tx: Tx, key: { id: string; tenantId: string }, now: Date): Promise<Prisma.InputJsonObject> {
  const expected = await liveInstanceIds(tx);
  const receipt = await tx.revocationReceipt.create({
    data: { keyId: key.id, tenantId: key.tenantId, disabledAt: now, status: "pending", expected },
    select: { id: true },
  });
  return { receipt_id: receipt.id, instances_expected: expected.length };
}

function keyAction(action: (scope: TenantScope) => Promise<KeyChangeResult>) {
  return (actor: Actor, tenantSlug: string, request: RequestOrigin) =>
    withTenant(actor, tenantSlug, "keys.manage", request, action);
}

async function finish(
  scope: TenantScope,
  keyId: string,
  outcome: { extra: Prisma.InputJsonObject | void },
): Promise<KeyChangeResult> {
  const key = await keySummary(scope, keyId);
  const receiptId = outcome.extra && typeof outcome.extra.receipt_id === "string" ? outcome.extra.receipt_id : null;
  return receiptId ? { key, receipt: { id: receiptId, status: "pending" } } : { key };
}

export function disableKey(actor: Actor, tenantSlug: string, keyId: string, confirm: string, request: RequestOrigin) {
  return keyAction(async (scope) => {
    confirmTenant(scope, confirm);
    const outcome = await changeKey(scope, keyId, {
      event: "disabled",
      from: ["enabled"],
      refusal: (s) =>
        s === "disabled" ? "The key is already disabled." : `A key that is ${s.replace("_", " ")} cannot be disabled.`,
      data: (now) => ({ state: "disabled", stateChangedAt: now }),
      // The kill switch also ends every support-access grant of the tenant, in the same commit.
      also: async (tx, key, now) => ({
        ...(await openReceipt(tx, key, now)),
        support_grants_revoked: await revokeTenantGrants(tx, key.tenantId, scope.actor),
      }),
    });
    return finish(scope, keyId, outcome);
  })(actor, tenantSlug, request);
}

export function enableKey(actor: Actor, tenantSlug: string, keyId: string, request: RequestOrigin) {
  return keyAction(async (scope) => {
    const outcome = await changeKey(scope, keyId, {
      event: "enabled",
      from: ["disabled"],
      refusal: (s) =>
        s === "enabled"
          ? "The key is already enabled."
          : s === "pending_deletion"
            ? "The key is scheduled for deletion: cancel the deletion first, then enable it."
            : "A destroyed key can never be enabled again.",
      data: (now) => ({ state: "enabled", stateChangedAt: now }),
    });
    return finish(scope, keyId, outcome);
  })(actor, tenantSlug, request);
}

export function scheduleKeyDeletion(
  actor: Actor,
  tenantSlug: string,
  keyId: string,
  input: { confirm: string; days: number },
  request: RequestOrigin,
) {
  return keyAction(async (scope) => {
    confirmTenant(scope, input.confirm);
    const outcome = await changeKey(scope, keyId, {
      event: "deletion_scheduled",
      from: ["enabled", "disabled"],
      refusal: (s) =>
        s === "pending_deletion" ? "The key is already scheduled for deletion." : "The key was already destroyed.",
      data: (now) => ({
        state: "pending_deletion",
        stateChangedAt: now,
        deletionDueAt: new Date(now.getTime() + input.days * DAY_MS),
      }),
      details: { days: input.days },
      also: async (tx, key, now, fromState) => {
        const due = new Date(now.getTime() + input.days * DAY_MS);
        // Keyed by the due date: a deletion cancelled and scheduled again gets a job of its own,
        // and the first one, finding the key not due (or not pending), does nothing.
        await enqueueJob(tx, destroyKeyJobRequest(key, due));
        // Deleting an enabled key also revokes it: its probes and receipt are those of a disable.
        const receipt = fromState === "enabled" ? await openReceipt(tx, key, now) : {};
        return { deletion_due_at: due.toISOString(), ...receipt };
      },
    });
    return finish(scope, keyId, outcome);
  })(actor, tenantSlug, request);
}

export function cancelKeyDeletion(actor: Actor, tenantSlug: string, keyId: string, request: RequestOrigin) {
  return keyAction(async (scope) => {
    const outcome = await changeKey(scope, keyId, {
      event: "deletion_cancelled",
      from: ["pending_deletion"],
      refusal: (s) =>
        s === "destroyed" ? "Too late: the key was already destroyed." : "The key is not scheduled for deletion.",
      // Back to disabled, as the deletion found it or stronger: enabling is a separate, deliberate step.
      data: (now) => ({ state: "disabled", stateChangedAt: now, deletionDueAt: null }),
    });
    return finish(scope, keyId, outcome);
  })(actor, tenantSlug, request);
}

export function setRotationPeriod(
  actor: Actor,
  tenantSlug: string,
  keyId: string,
  days: number,
  request: RequestOrigin,
) {
  return keyAction(async (scope) => {
    const outcome = await changeKey(scope, keyId, {
      event: "rotation_period_changed",
      from: ["enabled", "disabled"],
      refusal: () => "The rotation period of a key scheduled for deletion or destroyed cannot change.",
      data: () => ({ rotationPeriodDays: days }),
      details: { rotation_period_days: days },
      also: async (tx, key) => {
        const k = await tx.tenantKey.findUniqueOrThrow({ where: { id: key.id }, select: { lastRotatedAt: true } });
        const next = new Date(k.lastRotatedAt.getTime() + days * DAY_MS);
        await tx.tenantKey.update({ where: { id: key.id }, data: { nextRotationAt: next }, select: { id: true } });
        return { next_rotation_at: next.toISOString() };
      },
    });
    return finish(scope, keyId, outcome);
  })(actor, tenantSlug, request);
}
