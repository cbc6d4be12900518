import "server-only";
import { logger } from "@/platform/log/logger";

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
