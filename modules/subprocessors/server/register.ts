import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withRegion } from "@/platform/access/with-region";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import { NotFoundError } from "@/platform/errors";
import type { ChangeState } from "@/modules/subprocessors/domain/model";
import type { ChangeView } from "@/modules/subprocessors/api-schemas/register";
import { entryFromRow } from "@/modules/subprocessors/server/rows";
import { registerSettings } from "@/modules/subprocessors/server/settings";
import { changeViews } from "@/modules/subprocessors/server/views";

const STATUS_ORDER: Record<string, number> = { active: 0, announced: 1, retired: 2 };

/**
 * `GET /api/v1/region/subprocessors`: the register as the staff keep it: every entry (retired
 * ones too), the changes (open ones first, then the latest 200 decided), the settings, and what
 * the caller may do.
 */
export function readRegister(actor: Actor, query: { state?: ChangeState }) {
  return withRegion(actor, "region.subprocessors.read", async ({ actor, region, allowed }) => {
    const db = await prisma();
    const [now, settings, rows, changes] = await Promise.all([
      databaseNow(db),
      registerSettings(db, region.id),
      db.subprocessor.findMany({ where: { region: region.id }, orderBy: { name: "asc" } }),
      db.subprocessorChange.findMany({
        where: { region: region.id, ...(query.state ? { state: query.state } : {}) },
        orderBy: { createdAt: "desc" },
        take: 500,
      }),
    ]);
    const open = changes.filter((c) => c.state === "proposed" || c.state === "announced");
    const decided = changes.filter((c) => !open.includes(c)).slice(0, 200);
    const can = allowed(["region.subprocessors.manage", "region.subprocessors.review"]);
    return {
      region: region.id,
      now: now.toISOString(),
      settings,
      subprocessors: rows
        .map(entryFromRow)
        .sort((a, b) => (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9) || a.name.localeCompare(b.name)),
      changes: await changeViews(db, actor, [...open, ...decided]),
      allowed_actions: [
        ...(can.includes("region.subprocessors.manage") ? (["propose", "settings"] as const) : []),
        ...(can.includes("region.subprocessors.review") ? (["review"] as const) : []),
      ],
    };
  });
}

/** `GET /api/v1/region/subprocessor-changes/{id}`. */
export function readChange(actor: Actor, id: string): Promise<ChangeView> {
  return withRegion(actor, "region.subprocessors.read", async ({ actor, region }) => {
    const db = await prisma();
    const change = await db.subprocessorChange.findFirst({ where: { id, region: region.id } });
    if (!change) throw new NotFoundError(`The register of ${region.id} has no change ${id}.`, "change_not_found");
    const [view] = await changeViews(db, actor, [change]);
    return view!;
  });
}
