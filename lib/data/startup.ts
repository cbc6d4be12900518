import { closeRegionDatabase, regionDatabase } from "@/lib/data/db";
import { regionTasks, startPeriodicTasks } from "@/lib/data/background";
import { currentRegion } from "@/lib/region/registry";

/** Opens (and migrates) the region database at start-up, so a bad configuration fails at once, then starts background work. */
export async function openRegionAtStartup(): Promise<void> {
  currentRegion();
  await regionDatabase();
  const stop = startPeriodicTasks(regionTasks());
  const close = () => {
    stop();
    closeRegionDatabase().finally(() => process.exit(0));
  };
  process.once("SIGTERM", close);
  process.once("SIGINT", close);
}
