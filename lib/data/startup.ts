import { closeRegionDatabase, regionDatabase } from "@/lib/data/db";
import { regionTasks, startPeriodicTasks } from "@/lib/data/background";
import { currentRegion } from "@/lib/region/registry";
import { keyTasks, startKeyServices } from "@/lib/data/key-services";
import { lineageTasks } from "@/lib/data/lineage-tasks";
import { embeddedVacuumTasks } from "@/lib/data/embedded-vacuum";

/** Opens (and migrates) the region database at start-up, so a bad configuration fails at once, then starts background work. */
export async function openRegionAtStartup(): Promise<void> {
  currentRegion();
  const database = await regionDatabase();
  const stopKeys = await startKeyServices(database);
  const stop = startPeriodicTasks([...regionTasks(), ...keyTasks(), ...lineageTasks(), ...embeddedVacuumTasks(database)]);
  const close = () => {
    stop();
    stopKeys()
      .catch(() => {})
      .then(() => closeRegionDatabase())
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", close);
  process.once("SIGINT", close);
}
