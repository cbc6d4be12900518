import "server-only";
import { prisma } from "@/platform/db/db";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import type { Prisma } from "@/platform/db/transaction";
import type { UserActor } from "@/platform/auth/actor";
import { logger } from "@/platform/log/logger";
import { appendAudit } from "@/modules/audit/server/append";
import { notify } from "@/modules/notifications/server/notify";
import { recipientsFor } from "@/modules/notifications/server/recipients";
import { DRILL_ACTOR, setDrillKeyState } from "@/modules/drills/server/drill-key";
import { DRILL_KEY_ALIAS } from "@/modules/keys/domain/aliases";
import { drillContext, type DrillContext } from "@/modules/drills/server/context";
import { keyRevocationDrill } from "@/modules/drills/server/key-revocation";
import { kmsOutageDrill } from "@/modules/drills/server/kms-outage";
import { wrongRegionDrill } from "@/modules/drills/server/wrong-region";
import { signDrillReport } from "@/modules/drills/server/report";
import { DRILL_KIND_LABELS, type DrillKind, type DrillResult } from "@/modules/drills/domain/model";

const RUNNERS: Record<
  DrillKind,
  (ctx: DrillContext) => Promise<{ passed: boolean; figures: Record<string, unknown> }>
> = {
  key_revocation: keyRevocationDrill,
  kms_outage: kmsOutageDrill,
  wrong_region: wrongRegionDrill,
};

/** The person a drill reads the tenant as: the real read path needs one (disabled accounts: none). */
async function readerOf(db: PrismaClient, userId: string | null): Promise<UserActor | null> {
  if (!userId) return null;
  const u = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      providerRole: true,
      employer: true,
      officeCountry: true,
      disabledAt: true,
    },
  });
  if (!u || u.disabledAt) return null;
  return {
    type: "user",
    userId: u.id,
    email: u.email,
    name: u.name,
    providerRole: u.providerRole,
    employer: u.employer,
    officeCountry: u.officeCountry,
    via: "session",
    tokenId: null,
    tokenTenantId: null,
  };
}

/** The job: runs one drill to its end (completed with a signed report, or failed with what is left to do). */
export async function runDrillJob(drillId: string): Promise<void> {
  const db = await prisma();
  const row = await db.drill.findUnique({ where: { id: drillId } });
  if (!row || row.state !== "running") return;
  const tenant = await db.tenant.findUnique({
    where: { id: row.tenantId },
    select: { id: true, slug: true, name: true, tier: true },
  });
  if (!tenant) return;
  const kind = row.kind as DrillKind;
  const ctx = drillContext(
    db,
    { id: row.id, kind, startedAt: row.startedAt },
    tenant,
    await readerOf(db, row.startedById),
  );
  const earlier = (row.result as unknown as DrillResult | null)?.steps ?? [];
  if (earlier.length > 0) {
    // A run that stopped half-way (the process died): restore what can be restored, then say so.
    await recoverInterrupted(ctx);
    return;
  }
  try {
    const outcome = await RUNNERS[kind](ctx);
    ctx.result.passed = outcome.passed;
    ctx.result.figures = outcome.figures;
    await complete(db, ctx, row);
  } catch (err) {
    logger().warn({ err, drill: drillId }, "residency drill failed");
    await fail(db, ctx, err instanceof Error ? err.message : String(err));
  }
}

async function recoverInterrupted(ctx: DrillContext): Promise<void> {
  const { db, tenant } = ctx;
  const key = await db.tenantKey.findFirst({
    where: { tenantId: tenant.id, alias: DRILL_KEY_ALIAS },
    select: { id: true, state: true },
  });
  if (key && key.state !== "enabled" && key.state !== "disabled")
    ctx.leftToDo.add(
      `The tenant's drill key ${key.id} is ${key.state.replace("_", " ")}: a customer admin must restore it (cancel the deletion, then POST /api/v1/tenants/${tenant.slug}/keys/${key.id}/enable) before the next drill.`,
    );
  if (key?.state === "disabled") {
    try {
      await setDrillKeyState(db, tenant.id, key.id, "enabled", ctx.drill.id);
    } catch (err) {
      ctx.leftToDo.add(
        `Enable the tenant's drill key ${key.id} (POST /api/v1/tenants/${tenant.slug}/keys/${key.id}/enable as a customer admin): ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  await fail(
    db,
    ctx,
    "The drill was interrupted (its instance stopped) before it finished; what it had changed was restored where possible.",
  );
}

async function complete(
  db: PrismaClient,
  ctx: DrillContext,
  row: { id: string; startedAt: Date; startedById: string | null; consentId: string | null; scheduleId: string | null },
): Promise<void> {
  const starter = row.startedById
    ? await db.user.findUnique({ where: { id: row.startedById }, select: { id: true, name: true } })
    : null;
  const finishedAt = new Date();
  const { envelope, sha256 } = await signDrillReport({
    drillId: row.id,
    tenant: ctx.tenant,
    kind: ctx.drill.kind,
    startedAt: row.startedAt,
    finishedAt,
    startedBy: starter,
    consentId: row.consentId,
    scheduleId: row.scheduleId,
    passed: ctx.result.passed === true,
    result: ctx.result,
  });
  await db.$transaction(async (tx) => {
    await tx.drill.update({
      where: { id: row.id },
      data: {
        state: "completed",
        finishedAt,
        result: ctx.result as unknown as Prisma.InputJsonObject,
        report: envelope as unknown as Prisma.InputJsonObject,
        reportSha256: sha256,
        leftToDo: [],
      },
      select: { id: true },
    });
    await appendAudit(tx, {
      actor: DRILL_ACTOR,
      tenantId: ctx.tenant.id,
      action: "drill.completed",
      subject: `drill:${row.id}`,
      outcome: ctx.result.passed ? "success" : "failure",
      details: { kind: ctx.drill.kind, passed: ctx.result.passed === true, report_sha256: sha256 },
    });
    await notify(tx, {
      tenantId: ctx.tenant.id,
      event: "drill.completed",
      title: `${DRILL_KIND_LABELS[ctx.drill.kind]} drill of ${ctx.tenant.slug} ${ctx.result.passed ? "passed" : "did not pass"}`,
      body: `The signed report is on the tenant's Drills page (SHA-256 ${sha256}).`,
      link: `/t/${ctx.tenant.slug}/governance/drills`,
      recipients: await recipientsFor(tx, ctx.tenant.id, ["customer_admins", "compliance_officers"]),
      data: { drill_id: row.id, kind: ctx.drill.kind, passed: ctx.result.passed === true, report_sha256: sha256 },
    });
  });
}

/** A failed drill: stopped, recorded with what is left to do, and the tenant's admins and compliance officers told. */
async function fail(db: PrismaClient, ctx: DrillContext, failure: string): Promise<void> {
  const leftToDo = [...ctx.leftToDo];
  await db.$transaction(async (tx) => {
    await tx.drill.update({
      where: { id: ctx.drill.id },
      data: {
        state: "failed",
        finishedAt: new Date(),
        failure: failure.slice(0, 2000),
        result: ctx.result as unknown as Prisma.InputJsonObject,
        leftToDo,
      },
      select: { id: true },
    });
    await appendAudit(tx, {
      actor: DRILL_ACTOR,
      tenantId: ctx.tenant.id,
      action: "drill.failed",
      subject: `drill:${ctx.drill.id}`,
      outcome: "failure",
      details: { kind: ctx.drill.kind, failure: failure.slice(0, 500), left_to_do: leftToDo },
    });
    await notify(tx, {
      tenantId: ctx.tenant.id,
      event: "drill.failed",
      title: `${DRILL_KIND_LABELS[ctx.drill.kind]} drill of ${ctx.tenant.slug} failed${leftToDo.length ? ": action needed" : ""}`,
      body: [failure.slice(0, 1500), ...(leftToDo.length ? ["Left to do:", ...leftToDo.map((t) => `- ${t}`)] : [])]
        .join("\n")
        .slice(0, 4000),
      link: `/t/${ctx.tenant.slug}/governance/drills`,
      recipients: await recipientsFor(tx, ctx.tenant.id, ["customer_admins", "compliance_officers"]),
      data: { drill_id: ctx.drill.id, kind: ctx.drill.kind, failure: failure.slice(0, 500), left_to_do: leftToDo },
    });
  });
}
