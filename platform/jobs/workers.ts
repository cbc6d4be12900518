import "server-only";
import type { PgBoss } from "pg-boss";
import { runJob, workerBoss, type JobHandler, type JobSql } from "@/platform/jobs/queue";
import type { JobQueueName } from "@/platform/jobs/queues";
import { logger } from "@/platform/log/logger";

export interface JobWorker {
  queue: JobQueueName;
  handler: JobHandler;
}

/** Region-wide periodic work: pg-boss sends one job per tick for the whole region, not one per replica. */
export interface CronJob {
  queue: JobQueueName;
  /** Five-field cron, in UTC. pg-boss checks schedules every 30 s, so a tick may be that late. */
  cron: string;
}

/** What a module puts on the queue: its workers and the cron schedules that feed some of them. */
export interface QueuedWork {
  workers: JobWorker[];
  cron: CronJob[];
  /** Queues to send one job to when the instance starts (deduplicated: one per region at a time). */
  atStart?: JobQueueName[];
}

/**
 * Starts this instance's share of the region's job queue: maintenance (expiring stuck runs,
 * retries, dead-lettering, pruning), the cron schedules and a worker per queue. Returns a stop
 * that lets running jobs finish (up to 10 s) before it returns.
 */
export async function startJobWorkers(sql: JobSql, embedded: boolean, work: QueuedWork): Promise<() => Promise<void>> {
  const boss: PgBoss = workerBoss(sql, embedded);
  boss.on("error", (err: unknown) => logger().error({ err }, "job queue error"));
  boss.on("warning", (warning: unknown) => logger().warn({ warning }, "job queue warning"));
  await boss.start();
  for (const { queue, cron } of work.cron) await boss.schedule(queue, cron, {}, { tz: "UTC" });
  // A schedule a previous version defined but this one does not would keep sending jobs no one works.
  const wanted = new Set(work.cron.map((c) => c.queue));
  for (const s of await boss.getSchedules())
    if (!wanted.has(s.name as JobQueueName)) await boss.unschedule(s.name, s.key);
  for (const queue of work.atStart ?? []) await boss.send(queue, {}, { singletonKey: "at-start" });
  for (const { queue, handler } of work.workers) {
    await boss.work<object>(queue, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
      if (job) await runJob(queue, handler, job);
    });
  }
  return () => boss.stop({ graceful: true, timeout: 10_000, close: false });
}
