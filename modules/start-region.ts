import { closeRegionDatabase, regionDatabase } from "@/platform/db/db";
import { embeddedVacuumTasks } from "@/platform/db/embedded-vacuum";
import { startPeriodicTasks } from "@/platform/jobs/background";
import { stopOnSignals } from "@/platform/jobs/stop-on-signals";
import { logger } from "@/platform/log/logger";
import { currentRegion } from "@/platform/region/registry";
import { auditTasks } from "@/modules/audit/server/tasks";
import { keyTasks, startKeyServices } from "@/modules/keys/server/services";
import { lineageTasks } from "@/modules/lineage/server/tasks";
import { supportTasks } from "@/modules/support/server/timers";
import { notificationTasks } from "@/modules/notifications/server/tasks";

// The composition root: the one place that knows every module's background work.

/** Opens (and migrates) the region database at start-up, so a bad configuration fails at once, then starts background work. */
export async function openRegionAtStartup(): Promise<void> {
  currentRegion();
  const database = await regionDatabase();
  const stopKeys = await startKeyServices(database);
  const stopTasks = startPeriodicTasks([
    ...auditTasks(),
    ...keyTasks(),
    ...lineageTasks(),
    ...supportTasks(),
    ...notificationTasks(),
    ...embeddedVacuumTasks(database),
  ]);
  // Under Next.js (always, today) its handler drains requests in flight after our stop and exits:
  // the database must stay open for them. Only a process of our own closes it before exiting.
  const hosted = process.listenerCount("SIGTERM") > 0;
  stopOnSignals(async () => {
    stopTasks();
    await stopKeys().catch((err: unknown) => logger().warn({ err }, "key services did not stop cleanly"));
    if (!hosted) await closeRegionDatabase();
  });
}
