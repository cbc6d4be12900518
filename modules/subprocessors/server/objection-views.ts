import "server-only";
import type { PrismaClient, Tx } from "@/platform/db/transaction";
import type { SubprocessorObjection } from "@/platform/db/generated/prisma/client";
import { peopleById, personOf, maybePerson } from "@/modules/support/server/people";
import {
  OBJECTION_OUTCOME_LABELS,
  type ChangeKind,
  type ChangeState,
  type ObjectionOutcome,
} from "@/modules/subprocessors/domain/model";
import type { ObjectionState } from "@/modules/subprocessors/domain/objection";
import type { ObjectionView } from "@/modules/subprocessors/api-schemas/tenant";
import { storedEntry } from "@/modules/subprocessors/server/rows";

export type ObjectionRow = SubprocessorObjection;

const name = (p: { id: string; name: string }) => ({ id: p.id, name: p.name });

/**
 * Objections as both sides read them: the tenant, the change, the reason, the deadline, and the
 * outcome with the resolution and who wrote it, by name (never an e-mail address: the tenant reads
 * the provider's staff here, and the staff read the tenant's people).
 */
export async function objectionViews(db: PrismaClient | Tx, rows: ObjectionRow[], now: Date): Promise<ObjectionView[]> {
  if (rows.length === 0) return [];
  const [people, tenants, changes] = await Promise.all([
    peopleById(
      db,
      rows.flatMap((r) => [r.raisedById, r.resolvedById]),
    ),
    db.tenant.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.tenantId))] } },
      select: { id: true, slug: true, name: true },
    }),
    db.subprocessorChange.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.changeId))] } },
      select: { id: true, kind: true, state: true, effectiveAt: true, after: true },
    }),
  ]);
  const tenantById = new Map(tenants.map((t) => [t.id, t]));
  const changeById = new Map(changes.map((c) => [c.id, c]));
  return rows.map((r) => {
    const tenant = tenantById.get(r.tenantId);
    const change = changeById.get(r.changeId);
    const outcome = r.outcome as ObjectionOutcome | null;
    const state = r.state as ObjectionState;
    const resolver = maybePerson(people, r.resolvedById);
    return {
      id: r.id,
      tenant: { slug: tenant?.slug ?? r.tenantId, name: tenant?.name ?? r.tenantId },
      change_id: r.changeId,
      subprocessor_id: r.subprocessorId,
      subprocessor_name: change ? storedEntry(change.after).name : r.subprocessorId,
      change_kind: (change?.kind ?? "change") as ChangeKind,
      change_state: (change?.state ?? "announced") as ChangeState,
      change_effective_at: change?.effectiveAt?.toISOString() ?? null,
      reason: r.reason,
      state,
      raised_by: name(personOf(people, r.raisedById)),
      created_at: r.createdAt.toISOString(),
      due_at: r.dueAt.toISOString(),
      overdue: state === "open" && r.dueAt.getTime() < now.getTime(),
      outcome,
      outcome_label: outcome ? OBJECTION_OUTCOME_LABELS[outcome] : null,
      resolution: r.resolution,
      resolved_by: resolver ? name(resolver) : null,
      resolved_at: r.resolvedAt?.toISOString() ?? null,
    };
  });
}
