/**
 * When a failed webhook delivery or e-mail is tried again: the schedule the Standard Webhooks
 * specification suggests. The first attempt is at once; after the n-th failure the next waits
 * RETRY_SCHEDULE_MS[n-1]; after the last one the message is given up ("dead"). Pure.
 */
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const RETRY_SCHEDULE_MS = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
] as const;

/** Attempts in all: the first plus one per step of the schedule. */
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length + 1;

/** How long an endpoint must have failed every attempt before a dead delivery disables it. */
export const DISABLE_AFTER_FAILING_MS = 24 * HOUR;

/** After `attempts` failed attempts: when to try again, or null to give up. */
export function nextAttemptAfter(attempts: number, failedAt: Date): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const wait = RETRY_SCHEDULE_MS[attempts - 1];
  return wait === undefined ? null : new Date(failedAt.getTime() + wait);
}
