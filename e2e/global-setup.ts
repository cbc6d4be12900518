import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { freePort, startInstance, type Instance } from "../scripts/lib/instance";
import {
  E2E_REGIONS,
  STATE_ENV,
  type Credentials,
  type E2ERegion,
  type E2EState,
  type RegionDirectory,
} from "./support/state";

/** Handles the teardown uses to stop what this setup started (same runner process). */
const RUNNING = Symbol.for("terrane.e2e.running");
type Running = { instances: Instance[]; dataDir: string; stopping?: boolean };
const holder = globalThis as typeof globalThis & { [RUNNING]?: Running };

/** The region registry every instance of this run shares: the real one, with this run's ports. */
function regionsJson(root: string, urls: Record<string, string>): string {
  const registry = JSON.parse(readFileSync(path.join(root, "config/regions.json"), "utf8")) as {
    id: string;
    url: string;
  }[];
  return JSON.stringify(registry.map((r) => (urls[r.id] ? { ...r, url: urls[r.id] } : r)));
}

/**
 * Migrates and seeds one region in a child process: the data layer imports "server-only" and
 * uses `@/` aliases, which need the react-server condition and tsx (as `npm run demo` runs).
 */
function seedRegion(
  root: string,
  request: { dataDir: string; region: { id: string; url: string }; credentialsFile: string; directoryFile: string },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "e2e/support/seed.ts"], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TERRANE_E2E_SEED: JSON.stringify(request) },
    });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`Seeding ${request.region.id} failed (exit ${code ?? signal})`)),
    );
  });
}

/**
 * Starts eu-central-1, me-central-1 and af-south-1 of the built app on free ports, each on a
 * fresh embedded database seeded with the demo world, and writes the state file the specs
 * read. Each region is seeded and then started as soon as it is ready, all three at once.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const root = config.configFile ? path.dirname(config.configFile) : process.cwd();
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
    throw new Error(
      "The app is not built: run `npx next build` (or `npm test`, which builds) before `npx playwright test`.",
    );
  }
  const started = Date.now();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "terrane-e2e-"));
  const running: Running = { instances: [], dataDir };
  holder[RUNNING] = running;
  try {
    const ports: number[] = [];
    for (const _ of E2E_REGIONS) {
      let port = await freePort();
      while (ports.includes(port)) port = await freePort();
      ports.push(port);
    }
    const urls = Object.fromEntries(E2E_REGIONS.map((id, i) => [id, `http://localhost:${ports[i]}`])) as Record<
      E2ERegion,
      string
    >;
    const registry = regionsJson(root, urls);
    const files = (region: E2ERegion) => ({
      credentialsFile: path.join(dataDir, `credentials-${region}.json`),
      directoryFile: path.join(dataDir, `directory-${region}.json`),
    });

    const instances = await Promise.all(
      E2E_REGIONS.map(async (region, i) => {
        await seedRegion(root, { dataDir, region: { id: region, url: urls[region] }, ...files(region) });
        const instance = await startInstance({
          region,
          port: ports[i]!,
          dataDir,
          regionsJson: registry,
          quiet: true,
          extraEnv: { LOG_LEVEL: "warn" },
        });
        running.instances.push(instance);
        // An instance that dies mid-run fails every later spec; say so where CI's log shows it.
        instance.process.once("exit", (code, signal) => {
          if (!holder[RUNNING]?.stopping)
            console.error(`e2e: the ${region} instance exited during the run (code ${code}, signal ${signal})`);
        });
        return instance;
      }),
    );

    const credentials: Credentials = {
      regions: E2E_REGIONS.map((id) => ({ id, url: urls[id] })),
      users: [],
      tokens: [],
      ingest_tokens: {},
    };
    const directory: Record<string, RegionDirectory> = {};
    for (const region of E2E_REGIONS) {
      const seeded = JSON.parse(readFileSync(files(region).credentialsFile, "utf8")) as Credentials;
      credentials.users.push(...seeded.users);
      credentials.tokens.push(...seeded.tokens);
      Object.assign(credentials.ingest_tokens, seeded.ingest_tokens ?? {});
      directory[region] = JSON.parse(readFileSync(files(region).directoryFile, "utf8")) as RegionDirectory;
    }
    const credentialsFile = path.join(dataDir, "credentials.json");
    writeFileSync(credentialsFile, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });

    const state: E2EState = {
      dataDir,
      credentialsFile,
      instances: instances.map((i) => ({ region: i.region as E2ERegion, url: i.url, pid: i.process.pid ?? 0 })),
      credentials,
      directory,
    };
    const stateFile = path.join(dataDir, "state.json");
    writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    // Workers start after the global setup and inherit this.
    process.env[STATE_ENV] = stateFile;
    console.log(
      `e2e: ${instances.map((i) => `${i.region} ${i.url}`).join(", ")} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } catch (err) {
    await Promise.all(running.instances.map((i) => i.stop()));
    rmSync(dataDir, { recursive: true, force: true });
    holder[RUNNING] = undefined;
    throw err;
  }
}
