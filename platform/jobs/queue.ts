import "server-only";
import { logger } from "@/platform/log/logger";
import type { Prisma, PrismaClient } from "@/platform/db/transaction";
import type { Tx } from "@/platform/db/transaction";
import { instanceId } from "@/platform/jobs/instance-id";

/**
 * The region's job queue, in its database: a job is claimed with FOR UPDATE SKIP LOCKED, so
 * replicas share the work and never run one job twice at once; a claim expires, so a job whose
 * instance died is run again. Handlers must be idempotent.
 */
export type JobHandler = (payload: Prisma.JsonValue, job: { id: string; attempts: number; now: Date }) => Promise<void>;

const LOCK_MS = 5 * 60_000;
const MAX_ATTEMPTS = 8;

export async function enqueueJob(
  db: PrismaClient | Tx,
  job: { kind: string; payload: Prisma.InputJsonObject; runAt?: Date; dedupeKey?: string },
): Promise<void> {
  if (job.dedupeKey) {
    await db.job.upsert({
      where: { dedupeKey: job.dedupeKey },
      create: { kind: job.kind, payload: job.payload, runAt: job.runAt, dedupeKey: job.dedupeKey },
      update: {},
      select: { id: true },
    });
  } else {
    await db.job.create({ data: { kind: job.kind, payload: job.payload, runAt: job.runAt }, select: { id: true } });
  }
}

interface Claimed {
  id: string;
  kind: string;
  payload: Prisma.JsonValue;
  attempts: number;
}

async function claim(db: PrismaClient, kinds: string[], now: Date): Promise<Claimed | null> {
  const rows = await db.$queryRaw<Claimed[]>`
    UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = ${instanceId()},
                    locked_until = ${new Date(now.getTime() + LOCK_MS)}
    WHERE id = (
      SELECT id FROM jobs
      WHERE kind = ANY(${kinds}) AND run_at <= ${now}
        AND (status = 'queued' OR (status = 'running' AND locked_until < ${now}))
      ORDER BY run_at LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, payload, attempts`;
  return rows[0] ?? null;
}

/** Runs every job due at `now` (one at a time); returns how many ran. */
export async function runDueJobs(
  db: PrismaClient,
  handlers: Record<string, JobHandler>,
  now = new Date(),
): Promise<number> {
  let ran = 0;
  for (;;) {
    const job = await claim(db, Object.keys(handlers), now);
    if (!job) return ran;
    ran++;
    try {
      // The handler decides "due?" with the clock the claim used, so a job claimed as due never
      // finds itself early (and is then marked done without having done anything).
      await handlers[job.kind]!(job.payload, { id: job.id, attempts: job.attempts, now });
      await db.job.update({
        where: { id: job.id },
        data: { status: "done", finishedAt: new Date(), lockedUntil: null },
        select: { id: true },
      });
    } catch (err) {
      const giveUp = job.attempts >= MAX_ATTEMPTS;
      logger().error(
        { err, job: job.id, kind: job.kind, attempts: job.attempts },
        giveUp ? "job failed for good" : "job failed; will retry",
      );
      await db.job.update({
        where: { id: job.id },
        data: {
          status: giveUp ? "failed" : "queued",
          lastError: err instanceof Error ? err.message.slice(0, 500) : "failed",
          runAt: new Date(Date.now() + 2 ** job.attempts * 1_000),
          lockedUntil: null,
        },
        select: { id: true },
      });
    }
  }
}
