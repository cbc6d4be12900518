import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withRegion } from "@/platform/access/with-region";
import { prisma } from "@/platform/db/db";
import type { PrismaClient, Tx } from "@/platform/db/transaction";
import { appendAudit } from "@/modules/audit/server/append";
import { NOTICE_DAYS, OBJECTION_DAYS } from "@/modules/subprocessors/domain/model";

export interface RegisterSettings {
  region: string;
  notice_days: number;
  objection_days: number;
  updated_at: string;
}

/** The region's notice period and objection deadline; the defaults until a provider admin sets them. */
export async function registerSettings(db: PrismaClient | Tx, region: string): Promise<RegisterSettings> {
  const row = await db.subprocessorSettings.findUnique({ where: { region } });
  return {
    region,
    notice_days: row?.noticeDays ?? NOTICE_DAYS.default,
    objection_days: row?.objectionDays ?? OBJECTION_DAYS.default,
    updated_at: (row?.updatedAt ?? new Date(0)).toISOString(),
  };
}

export function readRegisterSettings(actor: Actor): Promise<RegisterSettings> {
  return withRegion(actor, "region.subprocessors.read", async ({ region }) =>
    registerSettings(await prisma(), region.id),
  );
}

/** `PUT …/subprocessor-settings`: a provider admin sets the notice period and objection deadline, audited. */
export function updateRegisterSettings(
  actor: Actor,
  body: { notice_days: number; objection_days: number },
): Promise<RegisterSettings> {
  return withRegion(actor, "region.subprocessors.manage", async ({ actor, region }) => {
    const db = await prisma();
    return db.$transaction(async (tx) => {
      const before = await registerSettings(tx, region.id);
      const row = await tx.subprocessorSettings.upsert({
        where: { region: region.id },
        create: {
          region: region.id,
          noticeDays: body.notice_days,
          objectionDays: body.objection_days,
          updatedById: actor.userId,
        },
        update: {
          noticeDays: body.notice_days,
          objectionDays: body.objection_days,
          updatedById: actor.userId,
          updatedAt: new Date(),
        },
      });
      await appendAudit(tx, {
        actor,
        action: "subprocessor.settings_changed",
        outcome: "success",
        details: {
          notice_days: body.notice_days,
          objection_days: body.objection_days,
          notice_days_before: before.notice_days,
          objection_days_before: before.objection_days,
        },
      });
      return {
        region: region.id,
        notice_days: row.noticeDays,
        objection_days: row.objectionDays,
        updated_at: row.updatedAt.toISOString(),
      };
    });
  });
}
