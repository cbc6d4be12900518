import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/**
 * Another Terrane process, started as production starts one (`node --conditions=react-server
 * --import tsx`), talking to the test in JSON lines on stdout and taking commands on stdin.
 */
export interface ChildEvent {
  event: string;
  [k: string]: unknown;
}

export interface Child {
  process: ChildProcess;
  events: ChildEvent[];
  /** The next event named `name` (one already seen and not yet taken counts). */
  next(name: string, timeoutMs?: number): Promise<ChildEvent>;
  send(command: Record<string, unknown>): void;
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

export function spawnChild(script: string, env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve(script)], {
    cwd: path.resolve("."),
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const events: ChildEvent[] = [];
  const taken = new Set<ChildEvent>();
  const waiters: (() => void)[] = [];
  let buffered = "";
  let err = "";
  proc.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (!line.startsWith("{")) continue;
      events.push(JSON.parse(line) as ChildEvent);
      waiters.splice(0).forEach((w) => w());
    }
  });
  proc.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    err = (err + chunk).slice(-8_000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.on("exit", (code, signal) => {
      resolve({ code, signal });
      waiters.splice(0).forEach((w) => w());
    });
  });
  let done = false;
  void exited.then(() => (done = true));

  async function next(name: string, timeoutMs = 30_000): Promise<ChildEvent> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = events.find((e) => e.event === name && !taken.has(e));
      if (found) {
        taken.add(found);
        return found;
      }
      const failed = events.find((e) => e.event === "error");
      if (failed) throw new Error(`child failed: ${String(failed.message)}\n${err}`);
      if (done) throw new Error(`child exited before "${name}"\n${err}`);
      const left = until - Date.now();
      if (left <= 0) throw new Error(`child sent no "${name}" in ${timeoutMs} ms\n${err}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  return {
    process: proc,
    events,
    next,
    send: (command) => proc.stdin!.write(`${JSON.stringify(command)}\n`),
    exited,
    stderr: () => err,
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
