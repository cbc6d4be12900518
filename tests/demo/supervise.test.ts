import { spawn } from "node:child_process";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Instance } from "@/scripts/lib/instance";
import { supervise } from "@/scripts/lib/supervise";

/** A real child process standing in for an instance: it runs until killed. */
function fakeInstance(): Instance {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  return {
    region: "eu-central-1",
    url: "http://localhost:0",
    process: child,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    }),
  };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
};

describe("the demo's supervision of its instances", () => {
  const started: Instance[] = [];
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

  it("starts an instance that was killed again, says so, and stops the live one on shutdown without restarting it", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const first = await start();
    const s = supervise(first, start);
    first.process.kill("SIGKILL");
    await until(() => s.current() !== first);
    expect(errors.mock.calls.flat().join("\n")).toMatch(/eu-central-1 stopped unexpectedly \(killed by SIGKILL\); starting it again/);
    const second = s.current();
    expect(second.process.pid).not.toBe(first.process.pid);
    await s.stop();
    expect(second.process.signalCode).toBe("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    expect(started).toHaveLength(2);
  });

  it("gives up after five restarts in ten minutes", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const first = await start();
    const s = supervise(first, start);
    for (let n = 1; n <= 6; n++) {
      const live = s.current();
      live.process.kill("SIGKILL");
      if (n <= 5) await until(() => s.current() !== live);
    }
    await until(() => errors.mock.calls.flat().some((m) => /not restarting it/.test(String(m))));
    expect(started).toHaveLength(6);
  });
});
