import "server-only";
import { databaseNow } from "@/lib/data/db-time";
import os from "node:os";
import type { PrismaClient } from "@/lib/data/generated/prisma/client";
import type { Tx } from "@/lib/data/transaction";
import { instanceId } from "@/lib/data/instance-id";

/** An instance not heard from for this long is not waited for by a revocation receipt. */
export const INSTANCE_LIVENESS_MS = 15_000;
export const HEARTBEAT_MS = 5_000;

export async function heartbeat(db: PrismaClient | Tx): Promise<void> {
  const now = await databaseNow(db);
  await db.regionInstance.upsert({
    where: { id: instanceId() },
    create: { id: instanceId(), host: os.hostname(), pid: process.pid, lastSeenAt: now },
    update: { lastSeenAt: now },
    select: { id: true },
  });
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

export async function forgetInstance(db: PrismaClient): Promise<void> {
  await db.regionInstance.deleteMany({ where: { id: instanceId() } });
}
