import { closeRegionDatabase, regionDatabase } from "@/platform/db/db";
import { embeddedVacuumTasks } from "@/platform/db/embedded-vacuum";
import { startPeriodicTasks } from "@/platform/jobs/background";
import { stopOnSignals } from "@/platform/jobs/stop-on-signals";
import { logger } from "@/platform/log/logger";
import { currentRegion } from "@/platform/region/registry";
import { auditTasks } from "@/modules/audit/server/tasks";
import { startJobWorkers } from "@/platform/jobs/workers";
import { keyJobs, keyTasks, startKeyServices } from "@/modules/keys/server/services";
import { lineageJobs } from "@/modules/lineage/server/tasks";
import { supportJobs } from "@/modules/support/server/timers";
import { attestationJobs } from "@/modules/attestations/server/monthly";
import { subprocessorJobs } from "@/modules/subprocessors/server/apply";
import { drillJobs } from "@/modules/drills/server/jobs";
import { reviewJobs } from "@/modules/reviews/server/sweep";
import { notificationTasks } from "@/modules/notifications/server/tasks";
import { governanceJobs } from "@/modules/governance/server/snapshot";

// The composition root: the one place that knows every module's background work.

/** Opens (and migrates) the region database at start-up, so a bad configuration fails at once, then starts background work. */
export async function openRegionAtStartup(): Promise<void> {
  currentRegion();
  const database = await regionDatabase();
  const stopKeys = await startKeyServices(database);
  const stopTasks = startPeriodicTasks([
    ...auditTasks(),
    ...keyTasks(),
    ...notificationTasks(),
    ...embeddedVacuumTasks(database),
  ]);
  // Region-wide work goes through the job queue: one run per job or cron tick for the whole region.
  const queued = [
    keyJobs(),
    lineageJobs(),
    supportJobs(),
    attestationJobs(),
    subprocessorJobs(),
    drillJobs(),
    governanceJobs(),
    reviewJobs(),
  ];
  const stopJobs = await startJobWorkers(database.sql, database.kind === "embedded", {
    workers: queued.flatMap((q) => q.workers),
    cron: queued.flatMap((q) => q.cron),
    atStart: queued.flatMap((q) => q.atStart ?? []),
  });
  // Under Next.js (always, today) its handler drains requests in flight after our stop and exits:
  // the database must stay open for them. Only a process of our own closes it before exiting.
  const hosted = process.listenerCount("SIGTERM") > 0;
  stopOnSignals(async () => {
    stopTasks();
    await stopJobs().catch((err: unknown) => logger().warn({ err }, "job workers did not stop cleanly"));
    await stopKeys().catch((err: unknown) => logger().warn({ err }, "key services did not stop cleanly"));
    if (!hosted) await closeRegionDatabase();
  });
}
