/**
 * A second instance of the region for the key benches and tests: opens the region database from
 * the environment (DATABASE_URL, REGION, DATA_DIR, REGION_SEALING_KEY), starts the key services
 * (the key-state listener and revocation probes) and a heartbeat, prints "ready", and runs
 * until its stdin closes.
 *
 *   node --conditions=react-server --import tsx bench/lib/keys/key-instance.ts
 */
import { regionDatabase, closeRegionDatabase } from "@/platform/db/db";
import { startPeriodicTasks } from "@/platform/jobs/background";
import { startKeyServices } from "@/modules/keys/server/services";
import { heartbeat, HEARTBEAT_MS } from "@/platform/region/instances";
import { instanceId } from "@/platform/jobs/instance-id";

async function main(): Promise<void> {
  const database = await regionDatabase();
  const stopKeys = await startKeyServices(database);
  const stopTasks = startPeriodicTasks([
    { name: "instance-heartbeat", everyMs: HEARTBEAT_MS, run: () => heartbeat(database.prisma) },
  ]);
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
