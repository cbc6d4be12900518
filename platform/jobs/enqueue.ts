import "server-only";
import { randomUUID } from "node:crypto";
import { regionDatabase } from "@/platform/db/db";
import type { Prisma, PrismaClient, Tx } from "@/platform/db/transaction";
import type { JobSql } from "@/platform/jobs/queue";
import type { JobQueueName } from "@/platform/jobs/queues";

/** The caller's transaction (or client), so a job is sent if and only if the change commits. */
function prismaSql(db: PrismaClient | Tx): JobSql {
  return {
    async executeSql(text, values) {
      const rows = await db.$queryRawUnsafe<unknown[]>(text, ...(values ?? []));
      return { rows: Array.isArray(rows) ? rows : [] };
    },
  };
}

export interface EnqueueRequest {
  kind: JobQueueName;
  payload: Prisma.InputJsonObject;
  /** Not before this instant, on the database's clock (default: at once). */
  runAt?: Date;
  /** Work asked for twice under one key while the first still waits or runs is one job. */
  dedupeKey?: string;
}

/** Sends a job inside `db` (a transaction, usually). Returns its id, or null when deduplicated. */
export async function enqueueJob(db: PrismaClient | Tx, job: EnqueueRequest): Promise<string | null> {
  // Resolving the region database queries nothing, so this is safe inside a transaction.
  const { jobs } = await regionDatabase();
  return jobs.send(job.kind, job.payload, {
    db: prismaSql(db),
    singletonKey: job.dedupeKey ?? randomUUID(),
    ...(job.runAt ? { startAfter: job.runAt } : {}),
  });
}
