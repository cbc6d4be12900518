import { readFileSync, rmSync } from "node:fs";
import { STATE_ENV, type E2EState } from "./support/state";

const RUNNING = Symbol.for("terrane.e2e.running");
type Running = { instances: { stop(): Promise<void> }[]; dataDir: string; stopping?: boolean };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the instances the global setup started (by their own process ids) and removes their data. */
export default async function globalTeardown(): Promise<void> {
  const running = (globalThis as typeof globalThis & { [RUNNING]?: Running })[RUNNING];
  if (running) {
    running.stopping = true;
    await Promise.all(running.instances.map((i) => i.stop()));
  }

  const stateFile = process.env[STATE_ENV];
  if (!stateFile) return;
  let state: E2EState | undefined;
  try {
    state = JSON.parse(readFileSync(stateFile, "utf8")) as E2EState;
  } catch {
    return;
  }
  // Fallback when the handles are gone: stop exactly the processes this run started.
  for (const { pid } of state.instances) {
    if (pid > 0 && alive(pid)) process.kill(pid, "SIGTERM");
  }
  const deadline = Date.now() + 10_000;
  while (state.instances.some(({ pid }) => pid > 0 && alive(pid)) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const { pid } of state.instances) {
    if (pid > 0 && alive(pid)) process.kill(pid, "SIGKILL");
  }
  rmSync(state.dataDir, { recursive: true, force: true });
}
