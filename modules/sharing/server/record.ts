import "server-only";
import { appendAudit } from "@/modules/audit/server/append";
import type { AuditEvent } from "@/modules/audit/domain/actions";
import type { Prisma } from "@/platform/db/generated/prisma/client";
import { bumpSharingRevision } from "@/modules/sharing/server/policy";
import type { TenantScope } from "@/platform/access/with-tenant";
import type { Tx } from "@/platform/db/transaction";
import { NotFoundError } from "@/platform/errors";
import type { TenantAction } from "@/platform/policy/engine";

/** What every change of a decision writes, in its own transaction. */

/**
 * Locks the decision row, found only together with its tenant: another tenant's decision id
 * is "not found", exactly like an unknown one. Every change of a decision holds this lock, so
 * two steps on one decision never interleave.
 */
export async function lockDecision(tx: Tx, tenantId: string, decisionId: string): Promise<void> {
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM sharing_decisions WHERE id = ${decisionId} AND tenant_id = ${tenantId} FOR UPDATE`;
  if (rows.length === 0) throw new NotFoundError("This tenant has no such sharing decision.", "decision_not_found");
}

/** The role the actor acts in for `action`: the tenant role for customer steps, else the provider role. */
export function actingRole(scope: TenantScope, action: TenantAction): string {
  const provider = scope.actor.providerRole;
  if (action === "decisions.review") return provider ?? "unknown";
  if (action === "decisions.accept") return scope.role ?? "unknown";
  return scope.role === "customer_admin" ? scope.role : (provider ?? scope.role ?? "unknown");
}

export interface StepRecord {
  decisionId: string;
  versionId: string;
  version: number;
  /** Event type, also the audit action's suffix (`sharing_decision.<type>` must be registered). */
  type: AuditEvent<"sharing_decision">;
  role: string;
  reason?: string | null;
  details?: Prisma.InputJsonObject;
}

/**
 * The workflow event, the audit entry and the policy revision bump of one step, in the step's
 * transaction: a rolled-back step leaves none of them, a committed one all three.
 */
export async function recordStep(tx: Tx, scope: TenantScope, step: StepRecord): Promise<void> {
  const { tenant, actor } = scope;
  await tx.sharingDecisionEvent.create({
    data: {
      versionId: step.versionId,
      decisionId: step.decisionId,
      tenantId: tenant.id,
      type: step.type,
      actorId: actor.userId,
      actorRole: step.role,
      reason: step.reason ?? null,
    },
    select: { id: true },
  });
  await appendAudit(tx, {
    actor,
    tenantId: tenant.id,
    action: `sharing_decision.${step.type}`,
    subject: `sharing_decision:${step.decisionId}`,
    outcome: "success",
    details: {
      version: step.version,
      version_id: step.versionId,
      role: step.role,
      ...(step.reason ? { reason: step.reason } : {}),
      ...(step.details ?? {}),
    },
  });
  await bumpSharingRevision(tx, tenant.id);
}
