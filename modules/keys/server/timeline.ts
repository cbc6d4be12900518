import "server-only";
import { toCsv } from "@/platform/csv";
import type { Actor } from "@/platform/auth/actor";
import { NotFoundError } from "@/platform/errors";
import type { Prisma } from "@/platform/db/generated/prisma/client";
import { withTenant, type RequestOrigin, type TenantScope } from "@/platform/access/with-tenant";
import { actorRefs, type ActorRef } from "@/modules/keys/server/state-change";
import { usageSourceOf, type UsageSource } from "@/modules/keys/domain/usage-source";

export interface TimelineFilter {
  from?: Date;
  to?: Date;
  operation?: string;
}

export interface KeyEventView {
  at: string;
  type: string;
  actor_type: string;
  actor_id: string | null;
  /** The actor in words: a person's name, or the system component's. */
  actor: ActorRef | null;
  details: Prisma.JsonValue;
}

export interface UsageView {
  hour: string;
  operation: string;
  service: string;
  /** `data_plane`: reported through ingest; `portal`: Terrane's own use (page renders, rotation, probes). */
  source: UsageSource;
  count: number;
  failures: number;
  /** Failures in an hour the key was not enabled: what the kill switch stopped (either source). */
  after_disable: boolean;
}

export interface KeyTimeline {
  tenant: string;
  key_id: string;
  state: string;
  events: KeyEventView[];
  usage: UsageView[];
}

async function findKey(scope: TenantScope, keyId: string) {
  const key = await scope.db.tenantKey.findFirst({
    where: { id: keyId, tenantId: scope.tenant.id },
    select: { id: true, state: true },
  });
  if (!key) throw new NotFoundError("This tenant has no such key.", "key_not_found");
  return key;
}

/** Intervals [from, to) in which the key was not enabled, from its lifecycle events. */
function disabledIntervals(events: { at: Date; details: Prisma.JsonValue }[]): [number, number][] {
  const out: [number, number][] = [];
  let since: number | null = null;
  for (const e of events) {
    const to = (e.details as { to_state?: string } | null)?.to_state;
    if (!to) continue;
    if (to !== "enabled" && since === null) since = e.at.getTime();
    if (to === "enabled" && since !== null) {
      out.push([since, e.at.getTime()]);
      since = null;
    }
  }
  if (since !== null) out.push([since, Number.POSITIVE_INFINITY]);
  return out;
}

export function keyTimeline(
  actor: Actor,
  tenantSlug: string,
  keyId: string,
  filter: TimelineFilter,
  request: RequestOrigin,
): Promise<KeyTimeline> {
  return withTenant(actor, tenantSlug, "keys.read", request, async (scope) => {
    const key = await findKey(scope, keyId);
    const at = { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) };
    const [events, allEvents, usage] = await Promise.all([
      scope.db.keyEvent.findMany({ where: { keyId, at }, orderBy: { at: "asc" }, take: 5_000 }),
      scope.db.keyEvent.findMany({ where: { keyId }, orderBy: { at: "asc" }, select: { at: true, details: true } }),
      scope.db.keyUsageHourly.findMany({
        where: { keyId, hour: at, ...(filter.operation ? { operation: filter.operation } : {}) },
        orderBy: [{ hour: "asc" }, { source: "asc" }, { operation: "asc" }, { service: "asc" }],
        take: 20_000,
      }),
    ]);
    const actors = await actorRefs(scope.db, events);
    const off = disabledIntervals(allEvents);
    // An hour overlapping a disabled interval counts as after-disable.
    const inOff = (hour: Date) => off.some(([a, b]) => hour.getTime() + 3_600_000 > a && hour.getTime() < b);
    return {
      tenant: scope.tenant.slug,
      key_id: key.id,
      state: key.state,
      events: events.map((e, i) => ({
        at: e.at.toISOString(),
        type: e.type,
        actor_type: e.actorType,
        actor_id: e.actorId,
        actor: actors[i] ?? null,
        details: e.details,
      })),
      usage: usage.map((u) => ({
        hour: u.hour.toISOString(),
        operation: u.operation,
        service: u.service,
        source: usageSourceOf(u.source),
        count: u.count,
        failures: u.failures,
        after_disable: u.failures > 0 && inOff(u.hour),
      })),
    };
  });
}

/**
 * One CSV of lifecycle events and hourly usage, oldest first. Columns added later go at the end
 * (`source`, `actor_name`), so readers by position keep working.
 */
export function timelineCsv(t: KeyTimeline): string {
  const header = [
    "kind",
    "at",
    "type_or_operation",
    "service",
    "count",
    "failures",
    "after_disable",
    "actor_type",
    "actor_id",
    "details",
    "source",
    "actor_name",
  ];
  const rows = [
    ...t.events.map((e) => ({
      at: e.at,
      row: ["event", e.at, e.type, "", "", "", "", e.actor_type, e.actor_id, e.details, "", e.actor?.name ?? ""],
    })),
    ...t.usage.map((u) => ({
      at: u.hour,
      row: ["usage", u.hour, u.operation, u.service, u.count, u.failures, u.after_disable, "", "", "", u.source, ""],
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return toCsv(
    header,
    rows.map((r) => r.row),
  );
}

export interface ReceiptView {
  id: string;
  status: string;
  disabled_at: string;
  instances: { instance: string; failed_at: string; ms: number; attempts: number }[];
  expected_instances: number;
  max_ms: number | null;
  completed_at: string | null;
  /** The signed statement (null while pending) and its Ed25519 signature over its RFC 8785 form. */
  body: Prisma.JsonValue | null;
  signature: { alg: string; key: string; value: string } | null;
}

export function keyReceipts(
  actor: Actor,
  tenantSlug: string,
  keyId: string,
  request: RequestOrigin,
): Promise<{ tenant: string; key_id: string; receipts: ReceiptView[] }> {
  return withTenant(actor, tenantSlug, "keys.read", request, async (scope) => {
    await findKey(scope, keyId);
    const rows = await scope.db.revocationReceipt.findMany({
      where: { keyId, tenantId: scope.tenant.id },
      orderBy: { disabledAt: "desc" },
      take: 200,
      include: { probes: { orderBy: { failedAt: "asc" } } },
    });
    return {
      tenant: scope.tenant.slug,
      key_id: keyId,
      receipts: rows.map((r) => ({
        id: r.id,
        status: r.status,
        disabled_at: r.disabledAt.toISOString(),
        instances: r.probes.map((p) => ({
          instance: p.instanceId,
          failed_at: p.failedAt.toISOString(),
          ms: p.ms,
          attempts: p.attempts,
        })),
        expected_instances: Array.isArray(r.expected) ? r.expected.length : 0,
        max_ms: r.maxMs,
        completed_at: r.completedAt?.toISOString() ?? null,
        body: r.body,
        signature: r.signature ? (JSON.parse(r.signature) as ReceiptView["signature"]) : null,
      })),
    };
  });
}
