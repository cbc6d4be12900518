import type { Instance } from "./instance";

export interface Backoff {
  /** Wait before the first restart after a stable run. */
  firstMs: number;
  /** The wait doubles on every crash in a row, up to this. */
  maxMs: number;
  /** An instance that ran this long without stopping counts as stable: the wait starts again at `firstMs`. */
  stableMs: number;
}

export const DEMO_BACKOFF: Backoff = { firstMs: 1_000, maxMs: 5 * 60_000, stableMs: 10 * 60_000 };

function duration(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  return ms < 60_000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms / 6_000) / 10} min`;
}

/**
 * Keeps a demo instance running: one that dies (an exit code or a signal, e.g. a crash of the
 * JavaScript engine under load), or fails to start again, is reported and started again after a
 * wait that doubles with each crash in a row (1 s up to 5 min), and starts over at 1 s once an
 * instance has run stably. It never gives up for good: a demo left running does not quietly lose
 * a region, and a crash loop costs one start every five minutes. Each report names the instance's
 * log, where the reason is. `current()` is the live one.
 */
export function supervise(
  first: Instance,
  start: () => Promise<Instance>,
  backoff: Backoff = DEMO_BACKOFF,
): { current(): Instance; stop(): Promise<void> } {
  let live = first;
  let stopping = false;
  let crashesInARow = 0;
  let pending: NodeJS.Timeout | undefined;
  const logOf = (instance: Instance) => (instance.logFile ? `; its log: ${instance.logFile}` : "");

  const restartLater = (region: string, reason: string, log: string) => {
    const wait = Math.min(backoff.maxMs, backoff.firstMs * 2 ** crashesInARow);
    crashesInARow++;
    console.error(
      `${region} ${reason}${log}; starting it again in ${duration(wait)} (restart ${crashesInARow} in a row)…`,
    );
    pending = setTimeout(() => {
      pending = undefined;
      if (stopping) return;
      start().then(
        (next) => {
          live = next;
          if (stopping) return void next.stop();
          watch(next);
          console.error(`${next.region} is back at ${next.url}${logOf(next)}.`);
        },
        (err: unknown) =>
          restartLater(region, `could not be started again (${err instanceof Error ? err.message : String(err)})`, log),
      );
    }, wait);
  };

  const watch = (instance: Instance) => {
    const startedAt = Date.now();
    instance.process.once("exit", (code, signal) => {
      if (stopping) return;
      if (Date.now() - startedAt >= backoff.stableMs) crashesInARow = 0;
      restartLater(
        instance.region,
        `stopped unexpectedly (${signal ? `killed by ${signal}` : `exit ${code}`})`,
        logOf(instance),
      );
    });
  };
  watch(first);
  return {
    current: () => live,
    async stop() {
      stopping = true;
      clearTimeout(pending);
      await live.stop();
    },
  };
}
