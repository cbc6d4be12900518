import "server-only";
import type pg from "pg";
import { PgBoss, type Job } from "pg-boss";
import type { Prisma } from "@/platform/db/transaction";
import { DEAD_LETTER_QUEUE, JOB_QUEUES, type JobQueueName } from "@/platform/jobs/queues";
import { logger } from "@/platform/log/logger";

/**
 * The region's job queue is pg-boss, in the region's own database (schema `pgboss`): jobs are
 * claimed with SKIP LOCKED so replicas share the work, wait on the database's clock
 * (`start_after` against its `now()`), are retried with backoff and end in a dead-letter queue.
 * A job is sent inside the transaction of the change that asks for it, so it exists exactly when
 * the change does. Handlers must be idempotent: a job may run again after a crash.
 */
export const JOB_SCHEMA = "pgboss";

/** What pg-boss runs its SQL through: the region's own connection pool, shared with Prisma. */
export interface JobSql {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export function poolSql(pool: pg.Pool): JobSql {
  // pool.query drops a connection whose statement failed, so a failed multi-statement block
  // never hands the next query an aborted transaction.
  return { executeSql: (text, values) => pool.query(text, values) };
}

function bossOptions(sql: JobSql, embedded: boolean) {
  return {
    db: sql,
    schema: JOB_SCHEMA,
    ...(embedded ? { backend: "pglite" as const } : {}),
    registerInstance: false,
    openTelemetry: { enabled: false },
  };
}

/**
 * Installs (or upgrades) the queue's schema and every queue, and returns a pg-boss that can send
 * but runs nothing: every open region database has one, so any change can queue work; only a
 * running instance also works the queues (`startJobWorkers`).
 */
export async function openJobQueue(sql: JobSql, embedded: boolean): Promise<PgBoss> {
  const boss = new PgBoss({ ...bossOptions(sql, embedded), supervise: false, schedule: false, migrate: true });
  boss.on("error", (err: unknown) => logger().error({ err }, "job queue error"));
  await boss.start();
  await boss.createQueue(DEAD_LETTER_QUEUE, { policy: "standard", retentionSeconds: 90 * 24 * 3600 });
  for (const [name, spec] of Object.entries(JOB_QUEUES)) {
    await boss.createQueue(name, {
      policy: "exclusive",
      retryLimit: spec.retryLimit,
      retryDelay: 5,
      retryBackoff: true,
      retryDelayMax: 3600,
      expireInSeconds: spec.expireInSeconds,
      deleteAfterSeconds: 7 * 24 * 3600,
      deadLetter: DEAD_LETTER_QUEUE,
    });
  }
  return boss;
}

/** A pg-boss for a running instance: maintenance, cron and workers, over the same SQL. */
export function workerBoss(sql: JobSql, embedded: boolean): PgBoss {
  return new PgBoss({ ...bossOptions(sql, embedded), supervise: true, schedule: true, migrate: false });
}

export type JobHandler = (payload: Prisma.JsonValue, job: { id: string; retryCount: number }) => Promise<void>;

/** Runs one claimed job with its handler, logging a failure before pg-boss retries it. */
export async function runJob(name: string, handler: JobHandler, job: Job<object>): Promise<void> {
  try {
    await handler(job.data as Prisma.JsonValue, { id: job.id, retryCount: job.retryCount });
  } catch (err) {
    logger().error(
      { err, job: job.id, queue: name, retry: job.retryCount },
      "job failed; pg-boss retries it or dead-letters it",
    );
    throw err;
  }
}

/**
 * Claims and runs every job of `name` that is due now (on the database's clock), one at a time,
 * completing or failing each: the same path a worker takes, for tests and one-off tools.
 * `ignoreStartAfter` also takes jobs that are not due yet (a test that plays a later day).
 */
export async function runDueJobs(
  boss: PgBoss,
  name: JobQueueName,
  handler: JobHandler,
  options: { ignoreStartAfter?: boolean } = {},
): Promise<number> {
  let ran = 0;
  for (;;) {
    const [job] = await boss.fetch<object>(name, { batchSize: 1, ignoreStartAfter: options.ignoreStartAfter ?? false });
    if (!job) return ran;
    ran++;
    try {
      await runJob(name, handler, job);
      await boss.complete(name, job.id);
    } catch (err) {
      await boss.fail(name, job.id, { message: err instanceof Error ? err.message.slice(0, 500) : "failed" });
    }
  }
}
