/**
 * What a bench has set up (instances, databases, browsers) is torn down newest first, on the
 * normal way out and on Ctrl+C, so an interrupted run leaves nothing running or behind.
 */
const steps: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | null = null;
let interrupted = false;

/** Registers a teardown step; the newest runs first. */
export function onCleanUp(step: () => Promise<void> | void): void {
  steps.push(step);
}

/** Runs the steps, newest first; a second caller while they run waits for the same run. */
export function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    while (steps.length > 0) {
      const step = steps.pop()!;
      try {
        await step();
      } catch (err) {
        console.error(`cleanup: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  })().finally(() => {
    cleaning = null;
  });
  return cleaning;
}

/** Whether SIGINT or SIGTERM has asked the bench to stop. */
export const isInterrupted = (): boolean => interrupted;

/** On the first SIGINT or SIGTERM: says what is being stopped, runs `stop`, cleans up and exits 130. */
export function cleanUpOnSignal(what: string, stop?: () => void): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n${signal}: ${what}…`);
      stop?.();
      void cleanUp().finally(() => process.exit(130));
    });
  }
}

/** Registers a teardown step that runs after all the others (a database the others still use). */
export function onCleanUpLast(step: () => Promise<void> | void): void {
  steps.unshift(step);
}
