import "server-only";
import type { Prisma, Tx } from "@/platform/db/transaction";
import { prisma } from "@/platform/db/db";
import { enqueueJob } from "@/platform/jobs/enqueue";
import type { QueuedWork } from "@/platform/jobs/workers";
import { appendAudit } from "@/modules/audit/server/append";
import { attestationSigner } from "@/modules/attestations/server/sign";
import type { DsseSigner } from "@/modules/attestations/domain/dsse";
import { rowData, storedEntry, type ChangeRow } from "@/modules/subprocessors/server/rows";
import { recordSnapshot } from "@/modules/subprocessors/server/snapshot";
import { notifyChange } from "@/modules/subprocessors/server/notify-change";

const SYSTEM = { type: "system" as const, name: "subprocessor-register" };

/** Puts an announced change into the register at its effective date, in the caller's transaction. */
export async function applyChange(tx: Tx, change: ChangeRow, signer: DsseSigner): Promise<ChangeRow> {
  const after = storedEntry(change.after);
  const effectiveAt = change.effectiveAt ?? new Date();
  const status = change.kind === "retire" ? "retired" : "active";
  const data = { ...rowData({ ...after, status, effective_at: effectiveAt.toISOString() }, change.region) };
  if (change.kind === "retire") {
    await tx.subprocessor.update({
      where: { id: change.subprocessorId },
      data: { status: "retired", effectiveAt, updatedAt: new Date(), version: { increment: 1 } },
    });
  } else {
    await tx.subprocessor.upsert({
      where: { id: change.subprocessorId },
      create: data,
      update: { ...data, updatedAt: new Date(), version: { increment: change.kind === "change" ? 1 : 0 } },
    });
  }
  const applied = await tx.subprocessorChange.update({
    where: { id: change.id },
    data: { state: "effective", appliedAt: new Date() },
  });
  await appendAudit(tx, {
    actor: SYSTEM,
    action: "subprocessor.change_effective",
    subject: `subprocessor_change:${change.id}`,
    outcome: "success",
    details: {
      subprocessor_id: change.subprocessorId,
      kind: change.kind,
      status,
      effective_at: effectiveAt.toISOString(),
    } as Prisma.InputJsonObject,
  });
  await recordSnapshot(tx, signer, { changeId: change.id, reason: "effective" });
  await notifyChange(tx, { change: applied, event: "subprocessor.change_effective", flagged: [] });
  return applied;
}

/**
 * Applies every announced change whose date has come on the database's clock, one transaction
 * each, skipping rows another replica holds. Returns how many were applied.
 */
export async function applyDueChanges(): Promise<number> {
  const db = await prisma();
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM subprocessor_changes WHERE state = 'announced' AND effective_at <= now() ORDER BY effective_at, id`;
  if (due.length === 0) return 0;
  const signer = await attestationSigner();
  let applied = 0;
  for (const { id } of due) {
    const done = await db.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM subprocessor_changes
         WHERE id = ${id} AND state = 'announced' AND effective_at <= now() FOR UPDATE SKIP LOCKED`;
      if (locked.length === 0) return false;
      const change = await tx.subprocessorChange.findUniqueOrThrow({ where: { id } });
      await applyChange(tx, change, signer);
      return true;
    });
    if (done) applied++;
  }
  return applied;
}

/** Queues the apply job for a change's effective date, in the transaction that announced it. */
export async function scheduleApply(tx: Tx, effectiveAt: Date): Promise<void> {
  await enqueueJob(tx, {
    kind: "subprocessors.apply",
    payload: { at: effectiveAt.toISOString() },
    runAt: effectiveAt,
    dedupeKey: `subprocessors.apply:${effectiveAt.getTime()}`,
  });
}

/** The register's queued work: each change at its date, and a sweep every minute as the backstop. */
export function subprocessorJobs(): QueuedWork {
  const sweep = async () => {
    await applyDueChanges();
  };
  return {
    workers: [
      { queue: "subprocessors.apply", handler: sweep },
      { queue: "subprocessors.sweep", handler: sweep },
    ],
    cron: [{ queue: "subprocessors.sweep", cron: "* * * * *" }],
  };
}
