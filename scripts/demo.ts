/**
 * `npm run demo`: builds the app if needed, migrates and seeds three regions on embedded
 * databases (me-central-1's sovereign tenant with its keys in a SoftHSM2 token, its national HSM,
 * or in the software KMS where SoftHSM2 is missing, which it says), starts one instance per region
 * on ports 3000-3002, prints the sign-ins, and keeps running until interrupted. Each instance
 * writes its output to .data/logs/<region>.log; one that stops is started again with backoff
 * (scripts/lib/supervise.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { startInstance, type Instance } from "./lib/instance";
import { startLineageSimulator } from "./lib/lineage-simulator";
import { supervise } from "./lib/supervise";
import { seedWorld, type DemoCredentials } from "./lib/seed-world";
import { demoHsmStatus } from "./lib/demo-hsm";

const DATA_DIR = path.resolve(".data");
/** Each instance's own output (its JSON log, a crash's stack) goes to <region>.log here. */
const LOG_DIR = path.join(DATA_DIR, "logs");
const CREDENTIALS = path.join(DATA_DIR, "demo-credentials.json");
const REGIONS = [
  { id: "eu-central-1", port: 3000 },
  { id: "me-central-1", port: 3001 },
  { id: "af-south-1", port: 3002 },
];

function ensureBuilt(): void {
  if (existsSync(".next/BUILD_ID") && !process.argv.includes("--rebuild")) return;
  console.log("Building Terrane (first run only; about two minutes)…");
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

function existingCredentials(): DemoCredentials | null {
  if (process.argv.includes("--reset") || !existsSync(CREDENTIALS)) return null;
  if (!REGIONS.every((r) => existsSync(path.join(DATA_DIR, r.id, "pgdata")))) return null;
  return JSON.parse(readFileSync(CREDENTIALS, "utf8")) as DemoCredentials;
}

function printSignIns(credentials: DemoCredentials, instances: Instance[]): void {
  console.log("\nTerrane demo is running:\n");
  for (const instance of instances)
    console.log(
      `  ${instance.region.padEnd(14)} ${instance.url.padEnd(22)} log: ${path.relative(process.cwd(), instance.logFile ?? "")}`,
    );
  console.log("\nSign-ins (password is the same for a person in every region they use):\n");
  const seen = new Set<string>();
  for (const user of credentials.users) {
    const key = `${user.email}|${user.region}`;
    if (seen.has(key)) continue;
    seen.add(key);
    console.log(
      `  ${user.region.padEnd(14)} ${user.role.padEnd(19)} ${user.email.padEnd(46)} ${user.password}${user.tenant ? `  (${user.tenant})` : ""}`,
    );
  }
  console.log(
    `\nAPI tokens for every role and region, and each region's ingest token, are in ${path.relative(process.cwd(), CREDENTIALS)}.`,
  );
  console.log("Press Ctrl+C to stop.\n");
}

async function main(): Promise<void> {
  ensureBuilt();
  let credentials = existingCredentials();
  if (!credentials) {
    console.log("Migrating and seeding eu-central-1, me-central-1 and af-south-1…");
    credentials = await seedWorld({
      dataDir: DATA_DIR,
      regions: REGIONS.map((r) => ({ id: r.id, url: `http://localhost:${r.port}` })),
      credentialsFile: CREDENTIALS,
    });
  } else {
    console.log("Reusing the seeded demo in .data (run `npm run demo -- --reset` to start over).");
  }
  // Where the sovereign tenants' keys are: the national HSM (SoftHSM2), or plainly the fallback.
  for (const r of REGIONS) {
    const status = demoHsmStatus(DATA_DIR, r.id);
    if (status) console.log(status);
  }
  const startRegion = (r: (typeof REGIONS)[number]) =>
    startInstance({
      region: r.id,
      port: r.port,
      dataDir: DATA_DIR,
      quiet: true,
      logFile: path.join(LOG_DIR, `${r.id}.log`),
    });
  const instances = await Promise.all(REGIONS.map(startRegion));
  printSignIns(credentials, instances);
  const supervised = instances.map((instance, i) => supervise(instance, () => startRegion(REGIONS[i]!)));
  // Keeps lineage flowing into every region so the lineage graph and the region map move.
  const stopSimulator = startLineageSimulator({
    regions: credentials.regions,
    ingestTokens: credentials.ingest_tokens,
  });
  const shutdown = async () => {
    stopSimulator();
    console.log("\nStopping the regional instances…");
    await Promise.all(supervised.map((s) => s.stop()));
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
