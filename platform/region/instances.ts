import "server-only";
import { databaseNow } from "@/platform/db/db-time";
import os from "node:os";
import type { PrismaClient } from "@/platform/db/transaction";
import type { Tx } from "@/platform/db/transaction";
import { instanceId } from "@/platform/jobs/instance-id";

/** How often each instance stamps its row in `region_instances`. */
export const HEARTBEAT_MS = 2_000;
/**
 * An instance not heard from for this long has died (a clean stop removes its row): a revocation
 * receipt does not wait for it. Three missed heartbeats, so one slow beat under load is not death.
 */
export const INSTANCE_LIVENESS_MS = 3 * HEARTBEAT_MS;
/** Rows of instances dead for longer than this are pruned at start-up and not named on receipts. */
export const GONE_HORIZON_MS = 60 * 60_000;

const g = globalThis as typeof globalThis & { __terraneInstanceStopped?: boolean };

export async function heartbeat(db: PrismaClient | Tx): Promise<void> {
  // A heartbeat still in flight when the instance deregisters must not bring its row back.
  if (g.__terraneInstanceStopped) return;
  const now = await databaseNow(db);
  await db.regionInstance.upsert({
    where: { id: instanceId() },
    create: { id: instanceId(), host: os.hostname(), pid: process.pid, lastSeenAt: now },
    update: { lastSeenAt: now },
    select: { id: true },
  });
}

/** At start-up: announce this instance, and forget instances dead for longer than the horizon. */
export async function registerInstance(db: PrismaClient): Promise<void> {
  g.__terraneInstanceStopped = false;
  const now = await databaseNow(db);
  await db.regionInstance.deleteMany({ where: { lastSeenAt: { lt: new Date(now.getTime() - GONE_HORIZON_MS) } } });
  await heartbeat(db);
}

/** The instances of this region alive now (this one included: it has just acted). */
export async function liveInstanceIds(db: PrismaClient | Tx): Promise<string[]> {
  await heartbeat(db);
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM region_instances
    WHERE last_seen_at > statement_timestamp() - make_interval(secs => ${INSTANCE_LIVENESS_MS / 1000})
    ORDER BY id`;
  return rows.map((r) => r.id);
}

/** Of `ids`, those no longer alive: stopped (row removed) or silent past the liveness window. */
export async function deadAmong(db: PrismaClient | Tx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const now = await databaseNow(db);
  const rows = await db.regionInstance.findMany({
    where: { id: { in: ids }, lastSeenAt: { gt: new Date(now.getTime() - INSTANCE_LIVENESS_MS) } },
    select: { id: true },
  });
  const alive = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !alive.has(id));
}

// A type, not an interface: it goes into the receipt's JSON body.
export type GoneInstance = {
  instance: string;
  last_heartbeat_at: string;
};

/**
 * Instances that had died before `at` (last heartbeat before it, outside the liveness window,
 * within the horizon), excluding `waitedFor`. A dead process holds no data keys: a receipt names
 * these instead of waiting for them.
 */
export async function instancesGoneBefore(
  db: PrismaClient | Tx,
  at: Date,
  waitedFor: string[],
): Promise<GoneInstance[]> {
  const rows = await db.regionInstance.findMany({
    where: {
      lastSeenAt: { lte: new Date(at.getTime() - INSTANCE_LIVENESS_MS), gt: new Date(at.getTime() - GONE_HORIZON_MS) },
      id: { notIn: waitedFor },
    },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    take: 100,
    select: { id: true, lastSeenAt: true },
  });
  return rows.map((r) => ({ instance: r.id, last_heartbeat_at: r.lastSeenAt.toISOString() }));
}

/** On a clean stop: this instance holds no keys any more, so no receipt should wait for it. */
export async function forgetInstance(db: PrismaClient): Promise<void> {
  g.__terraneInstanceStopped = true;
  await db.regionInstance.deleteMany({ where: { id: instanceId() } });
}
