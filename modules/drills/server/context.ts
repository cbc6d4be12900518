import "server-only";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import type { Prisma } from "@/platform/db/transaction";
import type { UserActor } from "@/platform/auth/actor";
import { appendAudit } from "@/modules/audit/server/append";
import { DRILL_ACTOR } from "@/modules/drills/server/drill-key";
import type { DrillKind, DrillResult, DrillStep } from "@/modules/drills/domain/model";
import type { StoredTier } from "@/platform/region/tier";

/** What one drill run works with: its tenant, who started it, and how it records its steps. */
export interface DrillContext {
  db: PrismaClient;
  drill: { id: string; kind: DrillKind; startedAt: Date };
  tenant: { id: string; slug: string; name: string; tier: StoredTier };
  /** Who the drill reads the tenant as (its starter, or the schedule's author): the real read path needs a person. */
  reader: UserActor | null;
  result: DrillResult;
  /** Filled as the drill changes things, emptied as it restores them: what a person must do if it stops half-way. */
  leftToDo: Set<string>;
  step<T>(name: string, run: () => Promise<T>, describe?: (value: T) => string): Promise<T>;
}

/** A step that ran but did not show what it had to (e.g. a decrypt that succeeded during an outage). */
export class DrillCheckFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DrillCheckFailed";
  }
}

export function drillContext(
  db: PrismaClient,
  drill: DrillContext["drill"],
  tenant: DrillContext["tenant"],
  reader: UserActor | null,
): DrillContext {
  const result: DrillResult = { steps: [] };
  const ctx: DrillContext = {
    db,
    drill,
    tenant,
    reader,
    result,
    leftToDo: new Set(),
    async step(name, run, describe) {
      const started = performance.now();
      let outcome: DrillStep["outcome"] = "ok";
      let detail: string | undefined;
      try {
        const value = await run();
        detail = describe?.(value);
        return value;
      } catch (err) {
        outcome = "failed";
        detail = err instanceof Error ? err.message : String(err);
        throw err;
      } finally {
        const step: DrillStep = {
          step: name,
          outcome,
          at: new Date().toISOString(),
          ms: Math.round((performance.now() - started) * 10) / 10,
          ...(detail ? { detail: detail.slice(0, 500) } : {}),
        };
        result.steps.push(step);
        await recordStep(db, ctx, step);
      }
    },
  };
  return ctx;
}

/** Each step is committed as it happens (progress for the page), with its audit entry. */
async function recordStep(db: PrismaClient, ctx: DrillContext, step: DrillStep): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.drill.update({
      where: { id: ctx.drill.id },
      data: { result: ctx.result as unknown as Prisma.InputJsonObject, leftToDo: [...ctx.leftToDo] },
      select: { id: true },
    });
    await appendAudit(tx, {
      actor: DRILL_ACTOR,
      tenantId: ctx.tenant.id,
      action: "drill.step",
      subject: `drill:${ctx.drill.id}`,
      outcome: step.outcome === "ok" ? "success" : "failure",
      details: { kind: ctx.drill.kind, step: step.step, outcome: step.outcome, ms: step.ms },
    });
  });
}
