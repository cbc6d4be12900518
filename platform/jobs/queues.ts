/**
 * Every queue of the region's job queue, with how its failures are retried. Each job is kept
 * once per key while it waits or runs ("exclusive"), so two replicas asking for the same work,
 * or a cron tick that finds the last run still going, make one job. A job that fails is tried
 * again with exponential backoff; one that fails every try moves to the dead-letter queue, where
 * it stays (with its error) for an operator, instead of vanishing.
 */
export const DEAD_LETTER_QUEUE = "jobs.dead-letter";

export interface QueueSpec {
  /** Tries after the first failure (backoff: 5 s × 2^n with jitter, at most an hour apart). */
  retryLimit: number;
  /** How long one run may take before it counts as failed (and is tried again). */
  expireInSeconds: number;
}

const ONCE_A_MINUTE: QueueSpec = { retryLimit: 2, expireInSeconds: 300 };

export const JOB_QUEUES = {
  /** A key whose automatic rotation is due: rotate it (if still due and enabled). */
  "key.rotate": { retryLimit: 8, expireInSeconds: 900 },
  /** A key at the end of its deletion waiting period: crypto-shred it (if still due). */
  "key.destroy": { retryLimit: 8, expireInSeconds: 900 },
  /** Cron: turn keys whose rotation date has come into key.rotate jobs. */
  "keys.schedule-rotations": ONCE_A_MINUTE,
  /** At an instant a support request or grant changes state: move every row that is due. */
  "support.timer": { retryLimit: 5, expireInSeconds: 120 },
  /** Cron: the same sweep once a minute, so a missed timer is at most a minute late. */
  "support.timers-sweep": ONCE_A_MINUTE,
  /** Cron (and at start-up): queue last month's attestation for every tenant that lacks one. */
  "attestations.monthly": ONCE_A_MINUTE,
  /** Issue one tenant's attestation of one month (if the system has not already). */
  "attestation.issue-monthly": { retryLimit: 5, expireInSeconds: 900 },
  /** At a subprocessor change's effective date: apply every announced change that is due. */
  "subprocessors.apply": { retryLimit: 5, expireInSeconds: 300 },
  /** Cron: the same once a minute, so a missed date is at most a minute late. */
  "subprocessors.sweep": ONCE_A_MINUTE,
  /** Cron: tell compliance officers once about each review item that went past its due date. */
  "reviews.sweep": ONCE_A_MINUTE,
  /** Run one residency drill to its end (a run interrupted half-way restores and fails on its retry). */
  "drill.run": { retryLimit: 2, expireInSeconds: 600 },
  /** Cron: start every scheduled drill that is due and consented. */
  "drills.sweep": ONCE_A_MINUTE,
  /** Cron: judge every tenant's lineage edges again (decisions come into force on dates). */
  "lineage.reevaluate": { retryLimit: 2, expireInSeconds: 1800 },
  /** Cron (and at start-up): snapshot yesterday's governance metrics of every tenant and the region (once a day). */
  "governance.snapshot": { retryLimit: 5, expireInSeconds: 1800 },
} as const satisfies Record<string, QueueSpec>;

export type JobQueueName = keyof typeof JOB_QUEUES;
