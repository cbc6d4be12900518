import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import type { AuditAction } from "@/modules/audit/domain/actions";
import { appendAudit } from "@/modules/audit/server/append";
import { integratePending } from "@/modules/audit/server/integrator";

/** Appends `count` entries, a few per transaction, as the product does (one per change). */
export async function appendEntries(
  prisma: PrismaClient,
  count: number,
  action: AuditAction = "lineage.reevaluated",
): Promise<void> {
  for (let done = 0; done < count;) {
    const batch = Math.min(3, count - done);
    await prisma.$transaction(async (tx) => {
      for (let i = 0; i < batch; i++) {
        await appendAudit(tx, {
          actor: { type: "system", name: "test" },
          action,
          subject: `thing:${done + i}`,
          outcome: "success",
          details: { n: done + i, note: "ünïcode ✓" },
        });
      }
    });
    done += batch;
  }
}

/** Integrates everything pending in batches of `batch`, so there is a checkpoint every `batch` entries. */
export async function integrateInBatches(batch: number): Promise<number> {
  for (;;) {
    const r = await integratePending(batch);
    if (r.integrated === 0) return r.size;
  }
}

const TRIGGERS = [
  ["audit_entries", "audit_entries_immutable"],
  ["audit_tree_nodes", "audit_tree_nodes_append_only"],
  ["audit_checkpoints", "audit_checkpoints_append_only"],
] as const;

/**
 * Runs statements as a rogue database administrator would: with the immutability triggers
 * switched off for the duration, and back on afterwards.
 */
export async function asRogueDba(prisma: PrismaClient, statements: string[]): Promise<void> {
  for (const [table, trigger] of TRIGGERS)
    await prisma.$executeRawUnsafe(`ALTER TABLE "${table}" DISABLE TRIGGER "${trigger}"`);
  try {
    for (const sql of statements) await prisma.$executeRawUnsafe(sql);
  } finally {
    for (const [table, trigger] of TRIGGERS)
      await prisma.$executeRawUnsafe(`ALTER TABLE "${table}" ENABLE TRIGGER "${trigger}"`);
  }
}
