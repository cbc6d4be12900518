import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { demoHsmEnvFor } from "./demo-hsm";

export interface InstanceOptions {
  region: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  /** The region registry every instance of this run shares (JSON). */
  regionsJson?: string;
  quiet?: boolean;
  /** Appends the instance's stdout and stderr to this file (created with its folder) instead. */
  logFile?: string;
  extraEnv?: Record<string, string>;
}

export interface Instance {
  region: string;
  url: string;
  process: ChildProcess;
  /** Where its output goes, when it goes to a file. */
  logFile?: string;
  stop(): Promise<void>;
}

const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");

/** Node flags of every server process: answer unparseable requests (e.g. 431) with a problem document. */
export const NEXT_SERVER_NODE_ARGS = [
  "--import",
  pathToFileURL(path.resolve("scripts/lib/http-client-errors.mjs")).href,
];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`instance at ${url} exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`instance at ${url} did not become healthy within ${timeoutMs} ms`);
}

/** Starts one regional instance (`next start`, built app) and waits until /api/health answers. */
export async function startInstance(options: InstanceOptions): Promise<Instance> {
  const url = `http://localhost:${options.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    REGION: options.region,
    PORT: String(options.port),
    DATA_DIR: options.dataDir,
    NEXTAUTH_URL: url,
    NEXT_TELEMETRY_DISABLED: "1",
    // The region's national HSM when seeding made one in this data directory (scripts/lib/demo-hsm.ts).
    ...demoHsmEnvFor(options.dataDir, options.region),
    ...options.extraEnv,
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  if (options.regionsJson) env.REGIONS_JSON = options.regionsJson;
  let log: number | undefined;
  if (options.logFile) {
    mkdirSync(path.dirname(options.logFile), { recursive: true });
    log = openSync(options.logFile, "a");
  }
  const child = spawn(
    process.execPath,
    [...NEXT_SERVER_NODE_ARGS, NEXT_BIN, "start", "-p", String(options.port), "-H", "127.0.0.1"],
    {
      env,
      stdio:
        log !== undefined
          ? ["ignore", log, log]
          : options.quiet
            ? ["ignore", "ignore", "inherit"]
            : ["ignore", "inherit", "inherit"],
    },
  );
  // The child has its own copy of the descriptor.
  if (log !== undefined) closeSync(log);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForHealth(url, child, 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    region: options.region,
    url,
    process: child,
    stop,
    ...(options.logFile ? { logFile: options.logFile } : {}),
  };
}
