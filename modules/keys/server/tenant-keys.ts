import "server-only";
import { randomUUID } from "node:crypto";
import { actorId as actorIdOf, type Actor } from "@/platform/auth/actor";
import { assignmentForTenant } from "@/platform/kms/custody";
import { kmsProvider } from "@/platform/kms/providers";
import { NotFoundError } from "@/platform/errors";
import { appendAudit } from "@/modules/audit/server/append";
import { toBytes } from "@/platform/db/bytes";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { newWrappedDataKey, PRIMARY_ALIAS } from "@/modules/keys/server/material";
import { withTenant, type RequestOrigin, type TenantScope } from "@/platform/access/with-tenant";
import type { TenantAction } from "@/platform/policy/engine";
import { tierName, type StoredTier, type TierName } from "@/platform/region/tier";
import { custodyKind, type CustodyKind } from "@/modules/keys/domain/custody";
import { stateChanges, type StateChange } from "@/modules/keys/server/state-change";

const DAY_MS = 86_400_000;

export interface KeySummary {
  id: string;
  alias: string;
  provider: string;
  key_ref: string;
  /**
   * Who holds the material, from the provider and the tenant's tier (modules/keys/domain/custody.ts):
   * a sovereign tenant's PKCS#11 key is in the national HSM; a `local` key in the software KMS.
   */
  custody: CustodyKind;
  state: "enabled" | "disabled" | "pending_deletion" | "destroyed";
  state_changed_at: string;
  /** Why the key is in its state: the event that set it, who (by name) and when; null when unknown. */
  state_change: StateChange | null;
  current_version: number;
  versions: { version: number; state: string; created_at: string; retired_at: string | null }[];
  rotation_period_days: number;
  last_rotated_at: string;
  next_rotation_at: string;
  deletion_due_at: string | null;
  destroyed_at: string | null;
  rotation: RotationSummary | null;
}

export interface RotationSummary {
  id: string;
  stage: string;
  trigger: string;
  from_version: number;
  to_version: number;
  rewrapped: number;
  total_fields: number;
  done_fields: number;
  started_at: string;
  completed_at: string | null;
  error: string | null;
}

const keySelect = {
  id: true,
  alias: true,
  provider: true,
  keyRef: true,
  state: true,
  stateChangedAt: true,
  currentVersion: true,
  rotationPeriodDays: true,
  lastRotatedAt: true,
  nextRotationAt: true,
  deletionDueAt: true,
  destroyedAt: true,
  versions: { orderBy: { version: "desc" }, select: { version: true, state: true, createdAt: true, retiredAt: true } },
} as const;

type KeyRow = Awaited<ReturnType<typeof loadKeys>>[number];

function loadKeys(db: PrismaClient, tenantId: string, keyId?: string) {
  return db.tenantKey.findMany({
    where: { tenantId, ...(keyId ? { id: keyId } : {}) },
    orderBy: { createdAt: "asc" },
    select: keySelect,
  });
}

export function rotationSummary(r: {
  id: string;
  stage: string;
  trigger: string;
  fromVersion: number;
  toVersion: number;
  rewrapped: number;
  totalFields: number;
  doneFields: number;
  startedAt: Date;
  completedAt: Date | null;
  error: string | null;
}): RotationSummary {
  return {
    id: r.id,
    stage: r.stage,
    trigger: r.trigger,
    from_version: r.fromVersion,
    to_version: r.toVersion,
    rewrapped: r.rewrapped,
    total_fields: r.totalFields,
    done_fields: r.doneFields,
    started_at: r.startedAt.toISOString(),
    completed_at: r.completedAt?.toISOString() ?? null,
    error: r.error,
  };
}

async function summarise(db: PrismaClient, tier: StoredTier, rows: KeyRow[]): Promise<KeySummary[]> {
  const changes = await stateChanges(db, rows);
  return Promise.all(
    rows.map(async (k) => {
      const rotation = await db.keyRotation.findFirst({ where: { keyId: k.id }, orderBy: { startedAt: "desc" } });
      return {
        id: k.id,
        alias: k.alias,
        provider: k.provider,
        key_ref: k.keyRef,
        custody: custodyKind(k.provider, tier),
        state: k.state,
        state_changed_at: k.stateChangedAt.toISOString(),
        state_change: changes.get(k.id) ?? null,
        current_version: k.currentVersion,
        versions: k.versions.map((v) => ({
          version: v.version,
          state: v.state,
          created_at: v.createdAt.toISOString(),
          retired_at: v.retiredAt?.toISOString() ?? null,
        })),
        rotation_period_days: k.rotationPeriodDays,
        last_rotated_at: k.lastRotatedAt.toISOString(),
        next_rotation_at: k.nextRotationAt.toISOString(),
        deletion_due_at: k.deletionDueAt?.toISOString() ?? null,
        destroyed_at: k.destroyedAt?.toISOString() ?? null,
        rotation: rotation ? rotationSummary(rotation) : null,
      };
    }),
  );
}

/** What the caller may be offered on the tenant's keys: reading them, and changing them (every control). */
export const KEY_LIST_ACTIONS = ["keys.read", "keys.manage"] as const satisfies readonly TenantAction[];

export interface TenantKeyList {
  tenant: string;
  /** The tenant's tier: what it promises about custody (the keys page names a key held elsewhere). */
  tier: TierName;
  keys: KeySummary[];
  /** Which of KEY_LIST_ACTIONS the policy allows this caller: the UI shows controls from this alone. */
  allowed_actions: (typeof KEY_LIST_ACTIONS)[number][];
}

/** The tenant's keys with state, versions, rotation period and the latest rotation. */
export function listTenantKeys(actor: Actor, tenantSlug: string, request: RequestOrigin): Promise<TenantKeyList> {
  return withTenant(actor, tenantSlug, "keys.read", request, async ({ db, tenant, allowed }) => ({
    tenant: tenant.slug,
    tier: tierName(tenant.tier),
    keys: await summarise(db, tenant.tier, await loadKeys(db, tenant.id)),
    allowed_actions: allowed(KEY_LIST_ACTIONS),
  }));
}

export async function keySummary(scope: TenantScope, keyId: string): Promise<KeySummary> {
  const [key] = await summarise(scope.db, scope.tenant.tier, await loadKeys(scope.db, scope.tenant.id, keyId));
  if (!key) throw new NotFoundError("This tenant has no such key.", "key_not_found");
  return key;
}

/**
 * Creates the tenant's primary CMK (version 1, in the KMS its tier is assigned to) and its
 * first data key. Idempotent: an existing primary key is returned as it is.
 */
export async function provisionTenantKey(
  db: PrismaClient,
  tenant: { id: string; slug: string; tier: StoredTier },
  actor: Actor,
  now = new Date(),
  /** Another key of the tenant in the same KMS, e.g. its drill key (modules/drills); default the primary. */
  alias: string = PRIMARY_ALIAS,
): Promise<string> {
  const existing = await db.tenantKey.findUnique({
    where: { tenantId_alias: { tenantId: tenant.id, alias } },
    select: { id: true },
  });
  if (existing) return existing.id;
  const assignment = assignmentForTenant(tenant);
  const keyId = randomUUID();
  const versionId = randomUUID();
  const provider = await kmsProvider(assignment.provider);
  const created = await provider.createVersion({ keyRef: assignment.keyRef, keyId, version: 1, versionId });
  const version = { id: versionId, version: 1, handle: created.handle, sealedMaterial: created.sealedMaterial };
  const dek = await newWrappedDataKey({ id: keyId, tenantId: tenant.id, ...assignment }, version);
  await db.$transaction(async (tx) => {
    await tx.tenantKey.create({
      data: {
        id: keyId,
        tenantId: tenant.id,
        alias,
        provider: assignment.provider,
        keyRef: assignment.keyRef,
        currentVersion: 1,
        lastRotatedAt: now,
        nextRotationAt: new Date(now.getTime() + 365 * DAY_MS),
        stateChangedAt: now,
        versions: {
          create: {
            id: versionId,
            version: 1,
            state: "active",
            handle: created.handle,
            sealedMaterial: created.sealedMaterial ? toBytes(created.sealedMaterial) : null,
          },
        },
        dataKeys: {
          create: { id: dek.id, tenantId: tenant.id, keyVersion: 1, wrappedKey: dek.wrappedKey, state: "active" },
        },
      },
      select: { id: true },
    });
    await tx.keyEvent.create({
      data: {
        keyId,
        tenantId: tenant.id,
        at: now,
        type: "created",
        actorType: actor.type,
        // A person by id, Terrane's own work by its component's name (e.g. "demo-seed").
        actorId: actorIdOf(actor),
        details: { provider: assignment.provider, key_ref: assignment.keyRef, version: 1, alias },
      },
    });
    await appendAudit(tx, {
      actor,
      tenantId: tenant.id,
      action: "key.created",
      subject: `key:${keyId}`,
      outcome: "success",
      details: { provider: assignment.provider, key_ref: assignment.keyRef, version: 1, alias },
    });
  });
  return keyId;
}
