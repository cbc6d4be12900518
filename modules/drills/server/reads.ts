import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { NotFoundError } from "@/platform/errors";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { prisma } from "@/platform/db/db";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { withRegion } from "@/platform/access/with-region";
import { canonicalJsonBytes } from "@/modules/audit/domain/canonical-json";
import type { DsseEnvelope } from "@/modules/attestations/domain/dsse";
import type { DrillKind, DrillResult, DrillState } from "@/modules/drills/domain/model";

export const DRILL_LIST_ACTIONS = ["drills.start", "drills.consent.manage"] as const;

export interface DrillView {
  id: string;
  tenant: { slug: string; name: string };
  kind: DrillKind;
  state: DrillState;
  started_at: string;
  finished_at: string | null;
  started_by: { id: string; name: string } | null;
  scheduled: boolean;
  passed: boolean | null;
  result: DrillResult;
  report: DsseEnvelope | null;
  report_sha256: string | null;
  failure: string | null;
  left_to_do: string[];
}

const drillSelect = {
  id: true,
  tenantId: true,
  kind: true,
  state: true,
  startedAt: true,
  finishedAt: true,
  startedById: true,
  scheduleId: true,
  result: true,
  report: true,
  reportSha256: true,
  failure: true,
  leftToDo: true,
} as const;

type DrillRow = {
  id: string;
  tenantId: string;
  kind: string;
  state: string;
  startedAt: Date;
  finishedAt: Date | null;
  startedById: string | null;
  scheduleId: string | null;
  result: unknown;
  report: unknown;
  reportSha256: string | null;
  failure: string | null;
  leftToDo: string[];
};

async function views(db: PrismaClient, rows: DrillRow[], withReport: boolean): Promise<DrillView[]> {
  const userIds = [...new Set(rows.map((r) => r.startedById).filter((id): id is string => id !== null))];
  const tenantIds = [...new Set(rows.map((r) => r.tenantId))];
  const [users, tenants] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }),
    db.tenant.findMany({ where: { id: { in: tenantIds } }, select: { id: true, slug: true, name: true } }),
  ]);
  const names = new Map(users.map((u) => [u.id, u]));
  const tenantOf = new Map(tenants.map((t) => [t.id, { slug: t.slug, name: t.name }]));
  return rows.map((r) => {
    const result = (r.result ?? { steps: [] }) as DrillResult;
    return {
      id: r.id,
      tenant: tenantOf.get(r.tenantId) ?? { slug: r.tenantId, name: r.tenantId },
      kind: r.kind as DrillKind,
      state: r.state as DrillState,
      started_at: r.startedAt.toISOString(),
      finished_at: r.finishedAt?.toISOString() ?? null,
      started_by: r.startedById ? (names.get(r.startedById) ?? { id: r.startedById, name: "A former user" }) : null,
      scheduled: r.scheduleId !== null,
      passed: r.state === "running" ? null : r.state === "failed" ? false : result.passed === true,
      result: {
        steps: result.steps ?? [],
        ...(result.passed !== undefined ? { passed: result.passed } : {}),
        ...(result.figures ? { figures: result.figures } : {}),
      },
      report: withReport ? ((r.report as DsseEnvelope | null) ?? null) : null,
      report_sha256: r.reportSha256,
      failure: r.failure,
      left_to_do: r.leftToDo,
    };
  });
}

export interface DrillList {
  tenant: { slug: string; name: string };
  drills: DrillView[];
  /** Which of DRILL_LIST_ACTIONS the policy allows the caller on this tenant (start is decided again, with the consent, on POST). */
  allowed_actions: (typeof DRILL_LIST_ACTIONS)[number][];
}

/** The tenant's drills, newest first (reports left out: GET …/drills/{id} has them). */
export function listDrills(actor: Actor, tenantSlug: string, request: RequestOrigin): Promise<DrillList> {
  return withTenant(actor, tenantSlug, "drills.read", request, async ({ db, tenant, allowed }) => {
    const rows = await db.drill.findMany({
      where: { tenantId: tenant.id },
      orderBy: { startedAt: "desc" },
      take: 200,
      select: drillSelect,
    });
    return {
      tenant: { slug: tenant.slug, name: tenant.name },
      drills: await views(db, rows, false),
      allowed_actions: allowed(DRILL_LIST_ACTIONS),
    };
  });
}

/** One drill with its result and, once completed, its signed report. */
export function getDrill(actor: Actor, tenantSlug: string, id: string, request: RequestOrigin): Promise<DrillView> {
  return withTenant(actor, tenantSlug, "drills.read", request, async ({ db, tenant }) => {
    const row = await db.drill.findFirst({ where: { id, tenantId: tenant.id }, select: drillSelect });
    if (!row) throw new NotFoundError("This tenant has no such drill.", "drill_not_found");
    return (await views(db, [row], true))[0]!;
  });
}

/** The signed report alone, as its RFC 8785 bytes (what `report_sha256` names), for download. */
export async function drillReport(actor: Actor, tenantSlug: string, id: string, request: RequestOrigin) {
  const drill = await getDrill(actor, tenantSlug, id, request);
  if (!drill.report || !drill.report_sha256)
    throw new NotFoundError("This drill has no signed report (it is running or failed).", "no_report");
  return {
    bytes: canonicalJsonBytes(drill.report),
    sha256: drill.report_sha256,
    fileName: `${drill.tenant.slug}-drill-${drill.kind}-${drill.id}.intoto.json`,
  };
}

export interface RegionDrills {
  drills: DrillView[];
  schedules: {
    id: string;
    tenant: { slug: string; name: string };
    kind: DrillKind;
    every_days: number;
    next_run_at: string;
    last_note: string | null;
  }[];
}

/** The region's recent drills across tenants and its schedules (the compliance desk). */
export function regionDrills(actor: Actor): Promise<RegionDrills> {
  return withRegion(actor, "region.drills.read", async () => {
    const db = await prisma();
    const [rows, schedules] = await Promise.all([
      db.drill.findMany({ orderBy: { startedAt: "desc" }, take: 100, select: drillSelect }),
      db.drillSchedule.findMany({ orderBy: { nextRunAt: "asc" }, take: 500 }),
    ]);
    const tenants = await db.tenant.findMany({
      where: { id: { in: [...new Set(schedules.map((s) => s.tenantId))] } },
      select: { id: true, slug: true, name: true },
    });
    const tenantOf = new Map(tenants.map((t) => [t.id, { slug: t.slug, name: t.name }]));
    return {
      drills: await views(db, rows, false),
      schedules: schedules.map((s) => ({
        id: s.id,
        tenant: tenantOf.get(s.tenantId) ?? { slug: s.tenantId, name: s.tenantId },
        kind: s.kind as DrillKind,
        every_days: s.everyDays,
        next_run_at: s.nextRunAt.toISOString(),
        last_note: s.lastNote,
      })),
    };
  });
}
