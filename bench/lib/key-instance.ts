/**
 * A second instance of the region for the key benches and tests: opens the region database from
 * the environment (DATABASE_URL, REGION, DATA_DIR, REGION_SEALING_KEY), starts the key services
 * (the key-state listener and revocation probes) and a heartbeat, prints "ready", and runs
 * until its stdin closes.
 *
 *   node --conditions=react-server --import tsx bench/lib/key-instance.ts
 */
import { regionDatabase, closeRegionDatabase } from "@/lib/data/db";
import { startPeriodicTasks } from "@/lib/data/background";
import { startKeyServices } from "@/lib/data/key-services";
import { heartbeat, HEARTBEAT_MS } from "@/lib/data/region-instances";
import { instanceId } from "@/lib/data/instance-id";

async function main(): Promise<void> {
  const database = await regionDatabase();
  const stopKeys = await startKeyServices(database);
  const stopTasks = startPeriodicTasks([{ name: "instance-heartbeat", everyMs: HEARTBEAT_MS, run: () => heartbeat(database.prisma) }]);
  process.stdout.write(`ready ${instanceId()}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => {
    stopTasks();
    void stopKeys()
      .then(() => closeRegionDatabase())
      .finally(() => process.exit(0));
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
