/**
 * A second instance of the region for second-instance.test.ts: opens the region's database from
 * its environment (DATABASE_URL, REGION, DATA_DIR, REGION_SEALING_KEY, as a real instance does),
 * starts the key services, warms its data-key cache by decrypting a contact of CHILD_TENANT_ID,
 * and then answers commands on stdin with JSON lines on stdout:
 *   {"cmd":"decrypt"}  → {"event":"decrypt","ok":…,"reason"?,"name"?}
 *   {"cmd":"exit"}     → stops its services and exits 0
 * SIGTERM and SIGINT stop it as they stop the app (platform/jobs/startup.ts): deregistered, exit 0.
 * Every key-state change it hears is reported as {"event":"news",…} with its cache size.
 *
 *   node --conditions=react-server --import tsx tests/keys/instance-child.ts
 */
import readline from "node:readline";
import { KeyUnavailableError } from "@/platform/kms/provider";
import { regionDatabase } from "@/platform/db/db";
import { instanceId } from "@/platform/jobs/instance-id";
import { dekCache } from "@/modules/keys/server/material";
import { startKeyServices } from "@/modules/keys/server/services";
import { onKeyStateChange } from "@/modules/keys/server/state-channel";
import { openFields } from "@/modules/keys/server/protected-fields";
import { heartbeat, HEARTBEAT_MS } from "@/platform/region/instances";
import { stopOnSignals } from "@/platform/jobs/stop-on-signals";

function report(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

async function main(): Promise<void> {
  const tenantId = process.env.CHILD_TENANT_ID!;
  const database = await regionDatabase();
  const db = database.prisma;
  const stopServices = await startKeyServices(database);
  // What keyTasks' heartbeat does (this child runs no other periodic task): receipts wait for live instances.
  const beat = setInterval(() => void heartbeat(db).catch(() => {}), HEARTBEAT_MS);
  const stop = async () => {
    clearInterval(beat);
    await stopServices();
    await database.close();
  };
  stopOnSignals(stop);

  async function decrypt(): Promise<Record<string, unknown>> {
    const c = await db.tenantContact.findFirstOrThrow({ where: { tenantId }, orderBy: { id: "asc" } });
    try {
      const values = await openFields(db, tenantId, "tenant_contacts", c.id, {
        name: c.name,
        email: c.email,
        phone: c.phone,
      });
      return { ok: true, name: values.name };
    } catch (err) {
      if (err instanceof KeyUnavailableError) return { ok: false, reason: err.reason, message: err.message };
      throw err;
    }
  }

  const warm = await decrypt();
  onKeyStateChange((news) =>
    report({ event: "news", state: news.state, keyId: news.keyId, cacheSize: dekCache().size }),
  );
  report({ event: "ready", instance: instanceId(), warm, cacheSize: dekCache().size });

  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    const command = JSON.parse(line) as { cmd: string };
    if (command.cmd === "decrypt") report({ event: "decrypt", ...(await decrypt()) });
    if (command.cmd === "exit") break;
  }
  await stop();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    report({ event: "error", message: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) });
    process.exit(1);
  },
);
