import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/platform/auth/actor";
import { ConflictError, ForbiddenError } from "@/platform/errors";
import { databaseNow } from "@/platform/db/db-time";
import type { Tx } from "@/platform/db/transaction";
import { enqueueJob } from "@/platform/jobs/enqueue";
import { authorize, type TenantAction } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import { withTenant, type RequestOrigin, type TenantScope } from "@/platform/access/with-tenant";
import { appendAudit } from "@/modules/audit/server/append";
import { recordDeniedChange } from "@/modules/audit/server/denied-access";
import {
  activeConsent,
  assertNoDrillRunning,
  assertNoKeyOperation,
  consentCovers,
} from "@/modules/drills/server/guards";
import { DRILL_ACTOR } from "@/modules/drills/server/drill-key";
import type { DrillKind } from "@/modules/drills/domain/model";

/** Whether an error is the database's refusal of a second running drill (drills_one_running). */
function isSecondRunning(err: unknown): boolean {
  return (
    typeof err === "object" &&
    err !== null &&
    /drills_one_running|P2002|unique/i.test(String((err as Error).message ?? ""))
  );
}

/** Inserts the drill, its audit entry and its job, in the caller's transaction; checks first. */
export async function insertDrill(
  tx: Tx,
  input: {
    tenantId: string;
    kind: DrillKind;
    startedById: string | null;
    consentId: string | null;
    scheduleId: string | null;
  },
): Promise<string> {
  await assertNoDrillRunning(tx, input.tenantId);
  await assertNoKeyOperation(tx, input.tenantId);
  const id = randomUUID();
  await tx.drill.create({
    data: { id, state: "running", leftToDo: [], startedAt: await databaseNow(tx), ...input },
    select: { id: true },
  });
  await appendAudit(tx, {
    actor: DRILL_ACTOR,
    tenantId: input.tenantId,
    action: "drill.started",
    subject: `drill:${id}`,
    outcome: "success",
    details: {
      kind: input.kind,
      consent_id: input.consentId,
      schedule_id: input.scheduleId,
      started_by_id: input.startedById,
    },
  });
  await enqueueJob(tx, { kind: "drill.run", payload: { drill_id: id }, dedupeKey: `drill:${id}` });
  return id;
}

/**
 * May this caller start (or schedule) a drill of `kind` here? A customer admin always; a
 * compliance officer only while the customer's active consent covers the kind (drills.cedar
 * decides, from the consent loaded here). A refusal is recorded and is 403 `consent_required`.
 */
export async function authorizeDrillKind(scope: TenantScope, kind: DrillKind, request: RequestOrigin) {
  const { db, tenant } = scope;
  const consent = await activeConsent(db, tenant.id, await databaseNow(db));
  const covered = consentCovers(consent, kind);
  const decision = authorize(policyPrincipal(scope.actor, scope.role), "drills.start", {
    type: "Drill",
    id: "new",
    tenantId: tenant.id,
    kind,
    consented: covered,
  });
  if (!decision.allowed) {
    const refused: TenantAction = "drills.start";
    await recordDeniedChange(db, scope.actor, { tenantId: tenant.id, action: refused, status: 403, request });
    throw new ForbiddenError(
      consent
        ? `The customer's consent does not cover ${kind} drills. A customer admin can extend it.`
        : "A customer admin of the tenant must consent before compliance officers run drills.",
      "consent_required",
    );
  }
  return { consent, covered };
}

/**
 * `POST /api/v1/tenants/{tenant}/drills`: a customer admin starts a drill, or a compliance
 * officer while the customer's active consent covers its kind (drills.cedar decides, from the
 * consent this loads). Refused with nothing changed: no consent (403 `consent_required`), a drill
 * already running (409 `drill_running`), a key operation under way (409 `key_operation_running`).
 */
export function startDrill(actor: Actor, tenantSlug: string, body: { kind: DrillKind }, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, "drills.start", request, async (scope) => {
    const { db, tenant } = scope;
    const { consent, covered } = await authorizeDrillKind(scope, body.kind, request);
    try {
      const id = await db.$transaction(async (tx) =>
        insertDrill(tx, {
          tenantId: tenant.id,
          kind: body.kind,
          startedById: scope.actor.userId,
          consentId: covered ? consent!.id : null,
          scheduleId: null,
        }),
      );
      return { id };
    } catch (err) {
      if (isSecondRunning(err)) throw new ConflictError("A drill of this tenant is already running.", "drill_running");
      throw err;
    }
  });
}
