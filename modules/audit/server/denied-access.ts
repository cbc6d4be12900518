import "server-only";
import type { UserActor } from "@/platform/auth/actor";
import type { TenantAction } from "@/platform/policy/engine";
import { appendAudit } from "@/modules/audit/server/append";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import type { RequestOrigin } from "@/platform/access/with-tenant";
import { logger } from "@/platform/log/logger";

/** At most one `access.denied` entry per actor, tenant and attempted action in this window. */
export const DENIED_ACCESS_WINDOW_SECONDS = 60;

export interface DeniedChange {
  tenantId: string;
  action: TenantAction;
  /** What the caller was answered: 403, or 404 for someone with no relation to the tenant. */
  status: 403 | 404;
  request: RequestOrigin;
}

/**
 * Writes a refused change on a tenant to the tenant's audit log (`access.denied`), in a
 * transaction of its own so it stays although the request fails.
 *
 * Rate limit: entries are immutable, so a flood cannot be folded into one entry's count.
 * Instead `denied_access_marks` holds, per actor, tenant and action, when the last entry was
 * written; one upsert claims the window (inserts the mark, or moves a mark older than the
 * window) and only a claim writes an entry. Concurrent attempts — on this or any other replica
 * of the region — queue on the mark's row lock and then see it fresh, so exactly one of them
 * writes. The table holds at most one row per signed-in actor, tenant and change action, and a
 * flood of refusals adds none.
 *
 * Recording never changes the answer: if it fails, the failure is logged and the caller still
 * gets its refusal.
 */
export async function recordDeniedChange(db: PrismaClient, actor: UserActor, denied: DeniedChange): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      const claimed = await tx.$queryRaw<{ claimed: number }[]>`
        INSERT INTO "denied_access_marks" ("actor_id", "tenant_id", "action", "recorded_at")
        VALUES (${actor.userId}, ${denied.tenantId}, ${denied.action}, CURRENT_TIMESTAMP)
        ON CONFLICT ("actor_id", "tenant_id", "action") DO UPDATE SET "recorded_at" = EXCLUDED."recorded_at"
        WHERE "denied_access_marks"."recorded_at" <= EXCLUDED."recorded_at" - make_interval(secs => ${DENIED_ACCESS_WINDOW_SECONDS}::int)
        RETURNING 1 AS claimed`;
      if (claimed.length === 0) return;
      await appendAudit(tx, {
        actor,
        tenantId: denied.tenantId,
        action: "access.denied",
        subject: `tenant:${denied.tenantId}`,
        outcome: "denied",
        details: {
          attempted_action: denied.action,
          status: denied.status,
          surface: denied.request.surface,
          path: denied.request.path.slice(0, 2048),
          window_seconds: DENIED_ACCESS_WINDOW_SECONDS,
        },
      });
    });
  } catch (err) {
    logger().error({ err, tenantId: denied.tenantId, action: denied.action }, "recording a refused change failed");
  }
}
