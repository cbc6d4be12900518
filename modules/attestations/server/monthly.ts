import "server-only";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import { enqueueJob } from "@/platform/jobs/enqueue";
import type { QueuedWork } from "@/platform/jobs/workers";
import { lastCompleteMonth, periodName } from "@/modules/attestations/domain/period";
import { issueMonthlyAttestation } from "@/modules/attestations/server/issue";

type MonthlyJob = { tenant_id: string; from: string; to: string };

/**
 * After a month ends, one job per tenant homed here issues that month's attestation (each job
 * retried on its own, so one tenant's failure holds up no other). Keyed by tenant and month:
 * running the scan twice queues nothing twice, and a tenant already attested is skipped.
 */
export async function queueMonthlyAttestations(): Promise<number> {
  const db = await prisma();
  const month = lastCompleteMonth(await databaseNow(db));
  const tenants = await db.tenant.findMany({ select: { id: true } });
  let queued = 0;
  for (const t of tenants) {
    const id = await enqueueJob(db, {
      kind: "attestation.issue-monthly",
      payload: { tenant_id: t.id, from: month.from.toISOString(), to: month.to.toISOString() },
      dedupeKey: `attestation:${t.id}:${periodName(month)}`,
    });
    if (id) queued++;
  }
  return queued;
}

export function attestationJobs(): QueuedWork {
  return {
    workers: [
      { queue: "attestations.monthly", handler: async () => void (await queueMonthlyAttestations()) },
      {
        queue: "attestation.issue-monthly",
        handler: async (payload) => {
          const p = payload as MonthlyJob;
          await issueMonthlyAttestation(p.tenant_id, { from: new Date(p.from), to: new Date(p.to) });
        },
      },
    ],
    // Half an hour into the 1st (UTC): the month has ended and its last entries are in the log.
    cron: [{ queue: "attestations.monthly", cron: "30 0 1 * *" }],
    // A region started after the 1st (or down over it) catches up at once.
    atStart: ["attestations.monthly"],
  };
}
