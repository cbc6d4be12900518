import { spawn } from "node:child_process";
import { afterEach, describe, expect, it, vi, type MockInstance } from "vitest";
import type { Instance } from "@/scripts/lib/instance";
import { supervise, type Backoff } from "@/scripts/lib/supervise";

const LOG = "/tmp/terrane-demo/logs/eu-central-1.log";

/** A real child process standing in for an instance: it runs until killed. */
function fakeInstance(): Instance {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  return {
    region: "eu-central-1",
    url: "http://localhost:0",
    process: child,
    logFile: LOG,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
};

/** Short waits so the test runs quickly; the schedule is the demo's, scaled down. */
const FAST: Backoff = { firstMs: 10, maxMs: 80, stableMs: 60_000 };

describe("the demo's supervision of its instances", () => {
  const started: Instance[] = [];
  let errors: MockInstance<typeof console.error>;
  const said = (): string[] => errors.mock.calls.flat().map(String);
  afterEach(async () => {
    await Promise.all(started.map((i) => i.stop()));
    started.length = 0;
    vi.restoreAllMocks();
  });
  const start = async () => {
    const i = fakeInstance();
    started.push(i);
    return i;
  };
  const crash = async (s: ReturnType<typeof supervise>) => {
    const live = s.current();
    live.process.kill("SIGKILL");
    await until(() => s.current() !== live);
  };

  it("starts an instance that was killed again, names its log, and stops the live one on shutdown without restarting it", async () => {
    errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const first = await start();
    const s = supervise(first, start, FAST);
    await crash(s);
    expect(said().join("\n")).toContain(
      `eu-central-1 stopped unexpectedly (killed by SIGKILL); its log: ${LOG}; starting it again in 10 ms`,
    );
    expect(said().join("\n")).toContain(`eu-central-1 is back at http://localhost:0; its log: ${LOG}.`);
    const second = s.current();
    expect(second.process.pid).not.toBe(first.process.pid);
    await s.stop();
    expect(second.process.signalCode).toBe("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    expect(started).toHaveLength(2);
  });

  it("never gives up: every crash in a row is restarted, the wait doubling up to its cap", async () => {
    errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const s = supervise(await start(), start, FAST);
    for (let n = 1; n <= 8; n++) await crash(s);
    expect(started).toHaveLength(9);
    const waits = said()
      .flatMap((m) => /starting it again in (\d+) ms/.exec(m)?.[1] ?? [])
      .map(Number);
    expect(waits).toEqual([10, 20, 40, 80, 80, 80, 80, 80]);
    expect(said().join("\n")).not.toMatch(/not restarting/);
    await s.stop();
  });

  it("starts over at the shortest wait once an instance has run stably", async () => {
    errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const s = supervise(await start(), start, { ...FAST, stableMs: 300 });
    await crash(s);
    await crash(s);
    // This one runs past the stable period before it dies.
    await new Promise((r) => setTimeout(r, 500));
    await crash(s);
    const waits = said()
      .flatMap((m) => /starting it again in (\d+) ms/.exec(m)?.[1] ?? [])
      .map(Number);
    expect(waits).toEqual([10, 20, 10]);
    await s.stop();
  });

  it("an instance that fails to start again is retried with the same backoff, not abandoned", async () => {
    errors = vi.spyOn(console, "error").mockImplementation(() => {});
    let failures = 2;
    const flaky = async () => {
      if (failures-- > 0) throw new Error("did not become healthy");
      return start();
    };
    const first = await start();
    const s = supervise(first, flaky, FAST);
    first.process.kill("SIGKILL");
    await until(() => s.current() !== first);
    expect(said().filter((m) => m.includes("could not be started again (did not become healthy)"))).toHaveLength(2);
    const waits = said()
      .flatMap((m) => /starting it again in (\d+) ms/.exec(m)?.[1] ?? [])
      .map(Number);
    expect(waits).toEqual([10, 20, 40]);
    await s.stop();
  });
});
