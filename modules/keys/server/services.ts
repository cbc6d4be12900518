import "server-only";
import { logger } from "@/platform/log/logger";
import type { PeriodicTask } from "@/platform/jobs/background";
import type { RegionDatabase } from "@/platform/db/db";
import { prisma } from "@/platform/db/db";
import { runDueJobs } from "@/platform/jobs/queue";
import { destroyKeyIfDue } from "@/modules/keys/server/destruction";
import { resumeRotations, runScheduledRotation, scheduleDueRotations } from "@/modules/keys/server/rotation";
import { listenForKeyState, onKeyStateChange } from "@/modules/keys/server/state-channel";
import { flushKeyUse } from "@/modules/keys/server/usage-counter";
import { forgetInstance, heartbeat, HEARTBEAT_MS, registerInstance } from "@/platform/region/instances";
import { completeOverdueReceipts, probeUntilRevoked } from "@/modules/keys/server/revocation";
import { ensureTenantKeys } from "@/modules/keys/server/store-canaries";

type KeyJobPayload = { key_id: string; tenant_id: string };

export const KEY_JOB_HANDLERS = {
  "key.rotate": async (payload: unknown, job: { now: Date }) => {
    const p = payload as KeyJobPayload;
    await runScheduledRotation(await prisma(), p.key_id, p.tenant_id, job.now);
  },
  "key.destroy": async (payload: unknown, job: { now: Date }) => {
    const p = payload as KeyJobPayload;
    await destroyKeyIfDue(await prisma(), p.key_id, p.tenant_id, job.now);
  },
};

/**
 * Starts what keeps customer-held keys honest in this process: hearing every key-state change
 * (by database notification on PostgreSQL), probing after a disable, and announcing this
 * instance so receipts wait for it. Returns a stop function, which also deregisters the instance:
 * one that stopped holds no keys, so no receipt should wait for it.
 */
export async function startKeyServices(database: RegionDatabase): Promise<() => Promise<void>> {
  await registerInstance(database.prisma);
  await ensureTenantKeys(database.prisma);
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

/** The periodic work of keys: heartbeats, receipts, the job queue, rotations, usage counts. */
export function keyTasks(): PeriodicTask[] {
  return [
    { name: "instance-heartbeat", everyMs: HEARTBEAT_MS, run: async () => heartbeat(await prisma()) },
    // As often as heartbeats: a receipt left waiting only for instances that died is done at once.
    { name: "revocation-receipts", everyMs: HEARTBEAT_MS, run: async () => completeOverdueReceipts(await prisma()) },
    { name: "key-rotation-schedule", everyMs: 60_000, run: async () => scheduleDueRotations(await prisma()) },
    { name: "jobs", everyMs: 1_000, run: async () => runDueJobs(await prisma(), KEY_JOB_HANDLERS) },
    { name: "key-rotations", everyMs: 2_000, run: async () => resumeRotations(await prisma()) },
    { name: "key-usage-flush", everyMs: 30_000, run: async () => flushKeyUse(await prisma()) },
  ];
}
