import "server-only";
import { logger } from "@/lib/log/logger";
import { env } from "@/lib/env";
import { integratePending } from "@/lib/data/audit-integrator";
import { verifyRegionLog } from "@/lib/data/audit-verifier";
import { collectCosignatures, witnessPeers } from "@/lib/data/audit-witness";

export interface PeriodicTask {
  name: string;
  everyMs: number;
  /** When the first run happens (default: at once). */
  firstAfterMs?: number;
  run: () => Promise<unknown>;
}

/**
 * Runs each task on its own timer, never two runs of the same task at once, and never lets a
 * failure stop the timer. Every replica runs them; the tasks take database locks where only
 * one replica may act at a time.
 */
export function startPeriodicTasks(tasks: PeriodicTask[]): () => void {
  const timers = tasks.map((task) => {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await task.run();
      } catch (err) {
        logger().error({ err, task: task.name }, "background task failed");
      } finally {
        running = false;
      }
    };
    const timer = setInterval(tick, task.everyMs);
    timer.unref();
    const first = setTimeout(() => void tick(), task.firstAfterMs ?? 0);
    first.unref();
    return { timer, first };
  });
  return () =>
    timers.forEach(({ timer, first }) => {
      clearInterval(timer);
      clearTimeout(first);
    });
}

/**
 * The region's background work: integrating the audit log shortly after each commit,
 * witnessing the other regions' logs (and collecting their cosignatures of ours), and
 * recomputing the whole log against what was signed.
 */
export function regionTasks(): PeriodicTask[] {
  const e = env();
  return [
    { name: "audit-integration", everyMs: 200, run: () => integratePending() },
    {
      name: "audit-witness",
      everyMs: e.WITNESS_INTERVAL_SECONDS * 1000,
      run: async () => {
        await witnessPeers();
        await collectCosignatures();
      },
    },
    // The first verification waits a little, so that it sees start-up's backlog integrated.
    { name: "audit-verification", everyMs: e.VERIFY_INTERVAL_SECONDS * 1000, firstAfterMs: 10_000, run: () => verifyRegionLog() },
  ];
}
