import type { Instance } from "./instance";

const WINDOW_MS = 10 * 60_000;
const MAX_RESTARTS = 5;

/**
 * Keeps a demo instance running: one that dies (an exit code or a signal, e.g. a crash of the
 * JavaScript engine under load) is reported and started again, at most five times in ten
 * minutes, so a demo left running does not quietly lose a region. `current()` is the live one.
 */
export function supervise(first: Instance, start: () => Promise<Instance>): { current(): Instance; stop(): Promise<void> } {
  let live = first;
  let stopping = false;
  const restarts: number[] = [];

  const watch = (instance: Instance) => {
    instance.process.once("exit", (code, signal) => {
      if (stopping) return;
      const why = signal ? `killed by ${signal}` : `exit ${code}`;
      const now = Date.now();
      while (restarts.length > 0 && now - restarts[0]! > WINDOW_MS) restarts.shift();
      if (restarts.length >= MAX_RESTARTS) {
        console.error(`${instance.region} stopped unexpectedly (${why}) for the ${MAX_RESTARTS + 1}th time in ten minutes; not restarting it.`);
        return;
      }
      restarts.push(now);
      console.error(`${instance.region} stopped unexpectedly (${why}); starting it again…`);
      start().then(
        (next) => {
          live = next;
          if (stopping) return void next.stop();
          watch(next);
          console.error(`${next.region} is back at ${next.url}.`);
        },
        (err: unknown) => console.error(`${instance.region} could not be started again: ${err instanceof Error ? err.message : String(err)}`),
      );
    });
  };
  watch(first);
  return {
    current: () => live,
    async stop() {
      stopping = true;
      await live.stop();
    },
  };
}
