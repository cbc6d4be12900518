import "server-only";
import { logger } from "@/platform/log/logger";
import type { PeriodicTask } from "@/platform/jobs/background";
import type { RegionDatabase } from "@/platform/db/db";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import type { JobWorker, QueuedWork } from "@/platform/jobs/workers";
import { destroyKeyIfDue, requeuePendingDeletions } from "@/modules/keys/server/destruction";
import { resumeRotations, runScheduledRotation, scheduleDueRotations } from "@/modules/keys/server/rotation";
import { listenForKeyState, onKeyStateChange } from "@/modules/keys/server/state-channel";
import { flushKeyUse } from "@/modules/keys/server/usage-counter";
import { forgetInstance, heartbeat, HEARTBEAT_MS, registerInstance } from "@/platform/region/instances";
import { completeOverdueReceipts, probeUntilRevoked } from "@/modules/keys/server/revocation";
import { ensureTenantKeys } from "@/modules/keys/server/store-canaries";

type KeyJobPayload = { key_id: string; tenant_id: string };

// "Due?" is decided on the database's clock, the clock the queue released the job on.
export const rotateKeyJob: JobWorker["handler"] = async (payload) => {
  const p = payload as KeyJobPayload;
  const db = await prisma();
  await runScheduledRotation(db, p.key_id, p.tenant_id, await databaseNow(db));
};

export const destroyKeyJob: JobWorker["handler"] = async (payload) => {
  const p = payload as KeyJobPayload;
  await destroyKeyIfDue(await prisma(), p.key_id, p.tenant_id);
};

/** The keys' queued work: rotations and destructions when due, and the once-a-minute rotation scan. */
export function keyJobs(): QueuedWork {
  return {
    workers: [
      { queue: "key.rotate", handler: rotateKeyJob },
      { queue: "key.destroy", handler: destroyKeyJob },
      {
        queue: "keys.schedule-rotations",
        handler: async () => {
          const db = await prisma();
          await scheduleDueRotations(db, await databaseNow(db));
        },
      },
    ],
    cron: [{ queue: "keys.schedule-rotations", cron: "* * * * *" }],
  };
}

/**
 * Starts what keeps customer-held keys honest in this process: hearing every key-state change
 * (by database notification on PostgreSQL), probing after a disable, and announcing this
 * instance so receipts wait for it. Returns a stop function, which also deregisters the instance:
 * one that stopped holds no keys, so no receipt should wait for it.
 */
export async function startKeyServices(database: RegionDatabase): Promise<() => Promise<void>> {
  await registerInstance(database.prisma);
  await ensureTenantKeys(database.prisma);
  await requeuePendingDeletions(database.prisma);
  const unsubscribe = onKeyStateChange((news) => {
    void probeUntilRevoked(news).catch((err) =>
      logger().error({ err, key: news.keyId }, "revocation probe could not report"),
    );
  });
  const stopListening = database.kind === "postgres" ? await listenForKeyState(database.connection) : async () => {};
  return async () => {
    // Deregister first: Next.js's own signal handler exits the process once its server has
    // closed, and the row is what a later receipt would otherwise wait for.
    await forgetInstance(database.prisma);
    unsubscribe();
    await stopListening();
  };
}

/** The per-instance periodic work of keys: heartbeats, receipts, resuming rotations, usage counts. */
export function keyTasks(): PeriodicTask[] {
  return [
    { name: "instance-heartbeat", everyMs: HEARTBEAT_MS, run: async () => heartbeat(await prisma()) },
    // As often as heartbeats: a receipt left waiting only for instances that died is done at once.
    { name: "revocation-receipts", everyMs: HEARTBEAT_MS, run: async () => completeOverdueReceipts(await prisma()) },
    { name: "key-rotations", everyMs: 2_000, run: async () => resumeRotations(await prisma()) },
    { name: "key-usage-flush", everyMs: 30_000, run: async () => flushKeyUse(await prisma()) },
  ];
}
