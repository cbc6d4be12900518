import { logger } from "@/platform/log/logger";

/** A stop that hangs (a database that no longer answers) must not keep a stopping process alive. */
const STOP_GRACE_MS = 4_000;

/**
 * On SIGTERM or SIGINT: runs `stop` first (it deregisters this instance, so revocation receipts
 * stop waiting for it), then hands the signal to whoever listened before (Next.js's server, which
 * closes its port, drains requests in flight and exits), or, with no one, exits 0. Next.js would
 * otherwise exit before the deregistration reached the database: its handler and ours both run
 * on the signal, and it exits as soon as its idle server has closed. After a grace period the
 * signal is handed on even if `stop` hangs. Used by the app and by the tests' second instances.
 */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping: Promise<void> | undefined;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const earlier = process.listeners(signal);
    for (const listener of earlier) process.off(signal, listener);
    process.on(signal, () => {
      stopping ??= Promise.race([
        stop().catch((err: unknown) => logger().warn({ err, signal }, "clean stop failed")),
        new Promise<void>((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref()),
      ]);
      void stopping.then(() => {
        if (earlier.length === 0) process.exit(0);
        for (const listener of earlier) listener(signal);
      });
    });
  }
}
