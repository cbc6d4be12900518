import { closeRegionDatabase, regionDatabase } from "@/lib/data/db";
import { regionTasks, startPeriodicTasks } from "@/lib/data/background";
import { currentRegion } from "@/lib/region/registry";
import { keyTasks, startKeyServices } from "@/lib/data/key-services";
import { lineageTasks } from "@/lib/data/lineage-tasks";
import { embeddedVacuumTasks } from "@/lib/data/embedded-vacuum";
import { logger } from "@/lib/log/logger";

/** A stop that hangs (a database that no longer answers) must not keep a stopping process alive. */
const STOP_GRACE_MS = 4_000;

/**
 * On SIGTERM or SIGINT: runs `stop` (which deregisters this instance, so revocation receipts stop
 * waiting for it), then exits 0; exits anyway after a grace period. Used by the app at start-up
 * and by the tests' second instances, so both stop the same way.
 */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const close = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      logger().warn({ signal }, "stopping took too long; exiting without a clean stop");
      process.exit(0);
    }, STOP_GRACE_MS).unref();
    stop()
      .catch((err: unknown) => logger().warn({ err, signal }, "clean stop failed"))
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", close);
  process.once("SIGINT", close);
}

/** Opens (and migrates) the region database at start-up, so a bad configuration fails at once, then starts background work. */
export async function openRegionAtStartup(): Promise<void> {
  currentRegion();
  const database = await regionDatabase();
  const stopKeys = await startKeyServices(database);
  const stopTasks = startPeriodicTasks([...regionTasks(), ...keyTasks(), ...lineageTasks(), ...embeddedVacuumTasks(database)]);
  stopOnSignals(async () => {
    stopTasks();
    await stopKeys().catch((err: unknown) => logger().warn({ err }, "key services did not stop cleanly"));
    await closeRegionDatabase();
  });
}
