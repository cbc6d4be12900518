import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { BadRequestError, NotFoundError, TerraneError } from "@/platform/errors";
import { databaseNow } from "@/platform/db/db-time";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { authorize } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { logger } from "@/platform/log/logger";
import { appendAudit } from "@/modules/audit/server/append";
import { activeConsent, consentCovers } from "@/modules/drills/server/guards";
import { DRILL_ACTOR } from "@/modules/drills/server/drill-key";
import { authorizeDrillKind, insertDrill } from "@/modules/drills/server/start";
import { DRILL_KINDS, type DrillKind } from "@/modules/drills/domain/model";

const DAY_MS = 86_400_000;

export interface ScheduleView {
  id: string;
  kind: DrillKind;
  every_days: number;
  next_run_at: string;
  last_drill_id: string | null;
  last_note: string | null;
}

function view(s: {
  id: string;
  kind: string;
  everyDays: number;
  nextRunAt: Date;
  lastDrillId: string | null;
  lastNote: string | null;
}): ScheduleView {
  return {
    id: s.id,
    kind: s.kind as DrillKind,
    every_days: s.everyDays,
    next_run_at: s.nextRunAt.toISOString(),
    last_drill_id: s.lastDrillId,
    last_note: s.lastNote,
  };
}

export interface ScheduleListView {
  schedules: ScheduleView[];
  /** `drills.start`: the caller may set and remove schedules here. */
  allowed_actions: "drills.start"[];
  /**
   * Whether a schedule the caller sets runs only while the customer's consent covers its kind (a
   * compliance officer's): the policy asked about a drill no consent covers.
   */
  runs_need_consent: boolean;
}

export function listSchedules(actor: Actor, tenantSlug: string, request: RequestOrigin): Promise<ScheduleListView> {
  return withTenant(actor, tenantSlug, "drills.read", request, async ({ db, tenant, actor: user, role, allowed }) => {
    const rows = await db.drillSchedule.findMany({ where: { tenantId: tenant.id }, orderBy: { kind: "asc" } });
    const actions = allowed(["drills.start"] as const);
    const unconsented = authorize(policyPrincipal(user, role), "drills.start", {
      type: "Drill",
      id: "schedule",
      tenantId: tenant.id,
      kind: DRILL_KINDS[0],
      consented: false,
    });
    return {
      schedules: rows.map(view),
      allowed_actions: actions,
      runs_need_consent: actions.length > 0 && !unconsented.allowed,
    };
  });
}

/**
 * Sets the tenant's recurring drill of one kind (e.g. every 91 days: quarterly). Whoever may start
 * a drill of that kind now may schedule it (a compliance officer: under the customer's consent);
 * each run is decided again when due, with the consent then in force.
 */
export function setSchedule(
  actor: Actor,
  tenantSlug: string,
  body: { kind: DrillKind; every_days: number; first_run_at?: Date | undefined },
  request: RequestOrigin,
): Promise<ScheduleView> {
  return withTenant(actor, tenantSlug, "drills.start", request, async (scope) => {
    const { db, tenant, actor: user } = scope;
    await authorizeDrillKind(scope, body.kind, request);
    const now = await databaseNow(db);
    const next = body.first_run_at ?? new Date(now.getTime() + body.every_days * DAY_MS);
    if (next.getTime() < now.getTime() - 60_000)
      throw new BadRequestError("The first run cannot be in the past.", "first_run_in_past");
    return db.$transaction(async (tx) => {
      const row = await tx.drillSchedule.upsert({
        where: { tenantId_kind: { tenantId: tenant.id, kind: body.kind } },
        create: {
          tenantId: tenant.id,
          kind: body.kind,
          everyDays: body.every_days,
          nextRunAt: next,
          createdById: user.userId,
        },
        update: { everyDays: body.every_days, nextRunAt: next, createdById: user.userId },
      });
      await appendAudit(tx, {
        actor: user,
        tenantId: tenant.id,
        action: "drill.schedule_set",
        subject: `drill_schedule:${row.id}`,
        outcome: "success",
        details: { kind: body.kind, every_days: body.every_days, next_run_at: next.toISOString() },
      });
      return view(row);
    });
  });
}

/**
 * Stops the tenant's recurring drill of one kind: the schedule is deleted, with its audit entry in
 * the same transaction. Whoever may set a schedule of that kind may remove it (a compliance
 * officer only under the customer's consent, so an officer cannot undo the customer's own
 * schedule behind its back); drills already run, and their reports, stay.
 */
export function removeSchedule(
  actor: Actor,
  tenantSlug: string,
  kind: DrillKind,
  request: RequestOrigin,
): Promise<{ removed: true; kind: DrillKind }> {
  return withTenant(actor, tenantSlug, "drills.start", request, async (scope) => {
    const { db, tenant, actor: user } = scope;
    await authorizeDrillKind(scope, kind, request);
    return db.$transaction(async (tx) => {
      const row = await tx.drillSchedule.findUnique({
        where: { tenantId_kind: { tenantId: tenant.id, kind } },
        select: { id: true, everyDays: true, nextRunAt: true },
      });
      // Removed by someone else in the meantime: as unknown as a schedule never set.
      const gone = row ? await tx.drillSchedule.deleteMany({ where: { id: row.id, tenantId: tenant.id } }) : null;
      if (!row || !gone || gone.count === 0)
        throw new NotFoundError("No drill of this kind is scheduled for the tenant.", "schedule_not_found");
      await appendAudit(tx, {
        actor: user,
        tenantId: tenant.id,
        action: "drill.schedule_removed",
        subject: `drill_schedule:${row.id}`,
        outcome: "success",
        details: { kind, every_days: row.everyDays, next_run_at: row.nextRunAt.toISOString() },
      });
      return { removed: true as const, kind };
    });
  });
}

/**
 * The cron sweep: every due schedule starts its drill when its author may still start it (a
 * customer admin; a compliance officer only under the consent in force), and moves to its next
 * date either way; a run that cannot start is recorded with the reason.
 */
export async function startDueDrills(db: PrismaClient): Promise<number> {
  const now = await databaseNow(db);
  const due = await db.drillSchedule.findMany({ where: { nextRunAt: { lte: now } }, take: 100 });
  let started = 0;
  for (const s of due) {
    const kind = s.kind as DrillKind;
    try {
      await db.$transaction(async (tx) => {
        const [locked] = await tx.$queryRaw<{ next_run_at: Date }[]>`
          SELECT next_run_at FROM drill_schedules WHERE id = ${s.id} AND next_run_at <= ${now} FOR UPDATE SKIP LOCKED`;
        if (!locked) return;
        const nextRunAt = new Date(Math.max(now.getTime(), locked.next_run_at.getTime()) + s.everyDays * DAY_MS);
        const consent = await activeConsent(tx, s.tenantId, now);
        const author = await tx.user.findUnique({
          where: { id: s.createdById },
          select: { id: true, email: true, name: true, providerRole: true, disabledAt: true },
        });
        const membership = author
          ? await tx.membership.findUnique({
              where: { userId_tenantId: { userId: author.id, tenantId: s.tenantId } },
              select: { role: true },
            })
          : null;
        const allowed =
          author !== null &&
          author.disabledAt === null &&
          authorize(
            policyPrincipal(
              {
                type: "user",
                userId: author.id,
                email: author.email,
                name: author.name,
                providerRole: author.providerRole,
                employer: null,
                officeCountry: null,
                via: "session",
                tokenId: null,
                tokenTenantId: null,
              },
              membership?.role ?? null,
            ),
            "drills.start",
            { type: "Drill", id: s.id, tenantId: s.tenantId, kind, consented: consentCovers(consent, kind) },
          ).allowed;
        let note: string;
        let drillId: string | null = null;
        if (!allowed) note = "Not started: no consent of the customer covers this drill.";
        else {
          try {
            drillId = await insertDrill(tx, {
              tenantId: s.tenantId,
              kind,
              startedById: s.createdById,
              consentId: consentCovers(consent, kind) ? consent!.id : null,
              scheduleId: s.id,
            });
            note = "Started.";
            started++;
          } catch (err) {
            if (!(err instanceof TerraneError)) throw err;
            note = `Not started: ${err.message}`;
          }
        }
        await tx.drillSchedule.update({
          where: { id: s.id },
          data: { nextRunAt, lastNote: note, ...(drillId ? { lastDrillId: drillId } : {}) },
          select: { id: true },
        });
        if (!drillId)
          await appendAudit(tx, {
            actor: DRILL_ACTOR,
            tenantId: s.tenantId,
            action: "drill.schedule_skipped",
            subject: `drill_schedule:${s.id}`,
            outcome: "failure",
            details: { kind, reason: note, next_run_at: nextRunAt.toISOString() },
          });
      });
    } catch (err) {
      logger().error({ err, schedule: s.id }, "a scheduled drill could not be started");
    }
  }
  return started;
}
