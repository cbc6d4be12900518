import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { effectiveDataClasses, type DataClassView } from "@/modules/sharing/server/data-classes";
import { databaseNow } from "@/platform/db/db-time";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { loadDecisions, stateOf } from "@/modules/sharing/server/store";
import {
  decisionDetail,
  decisionSummary,
  versionView,
  type DecisionDetail,
  type EventView,
} from "@/modules/sharing/server/views";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import type { Tx } from "@/platform/db/transaction";
import { NotFoundError } from "@/platform/errors";
import { toCsv } from "@/platform/csv";
import type { VersionState } from "@/modules/sharing/domain/model";

type Db = PrismaClient | Tx;

async function classMap(db: Db, tenantId: string): Promise<Map<string, DataClassView>> {
  return new Map((await effectiveDataClasses(db, tenantId)).map((c) => [c.key, c]));
}

/** One decision with every version, its diffs and workflow steps; another tenant's id is 404. */
export async function loadDecisionDetail(db: Db, tenantId: string, decisionId: string): Promise<DecisionDetail> {
  const [decision] = await loadDecisions(db, tenantId, { id: decisionId });
  if (!decision) throw new NotFoundError("This tenant has no such sharing decision.", "decision_not_found");
  const rows = await db.sharingDecisionEvent.findMany({
    where: { decisionId, tenantId },
    orderBy: { at: "asc" },
    select: { versionId: true, at: true, type: true, actorId: true, actorRole: true, reason: true },
  });
  const users = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.actorId))] } },
    select: { id: true, name: true },
  });
  const names = new Map(users.map((u) => [u.id, u.name]));
  const events = new Map<string, EventView[]>();
  for (const r of rows) {
    const list = events.get(r.versionId) ?? [];
    list.push({
      at: r.at.toISOString(),
      type: r.type,
      actor: { id: r.actorId, name: names.get(r.actorId) ?? null, role: r.actorRole },
      reason: r.reason,
    });
    events.set(r.versionId, list);
  }
  return decisionDetail(decision, await classMap(db, tenantId), events, await databaseNow(db));
}

export function getDecision(actor: Actor, tenantSlug: string, decisionId: string, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, "decisions.read", request, ({ db, tenant }) =>
    loadDecisionDetail(db, tenant.id, decisionId),
  );
}

/**
 * The tenant's decisions with what applies now and what is pending; with `status`, only
 * those with a version in that state (e.g. `in_review`: the review queue of this tenant).
 */
export function listDecisions(
  actor: Actor,
  tenantSlug: string,
  status: VersionState | "all" | undefined,
  request: RequestOrigin,
) {
  return withTenant(actor, tenantSlug, "decisions.read", request, async ({ db, tenant }) => {
    const at = await databaseNow(db);
    const classes = await classMap(db, tenant.id);
    const decisions = (await loadDecisions(db, tenant.id)).filter(
      (d) => !status || status === "all" || d.versions.some((v) => stateOf(d, v, at) === status),
    );
    return {
      tenant: tenant.slug,
      at: at.toISOString(),
      default_outcome: "deny",
      decisions: decisions.map((d) => decisionSummary(d, classes, at)),
    };
  });
}

const CSV_HEADER = [
  "decision_id",
  "data_class",
  "data_class_name",
  "destination_kind",
  "destination_id",
  "destination_location",
  "version",
  "state",
  "outcome",
  "legal_basis",
  "tia_ref",
  "dpa_clause",
  "effective_from",
  "effective_to",
  "in_force_from",
  "in_force_until",
  "author_id",
  "reviewed_by_id",
  "reviewed_at",
  "accepted_by_id",
  "accepted_at",
  "notes",
];

/** One row per version in `status` (default: in force now), for the DPA annex or a spreadsheet. */
export function decisionsCsv(
  actor: Actor,
  tenantSlug: string,
  status: VersionState | "all" | undefined,
  request: RequestOrigin,
) {
  return withTenant(actor, tenantSlug, "decisions.read", request, async ({ db, tenant }) => {
    const at = await databaseNow(db);
    const classes = await classMap(db, tenant.id);
    const wanted = status ?? "in_force";
    const rows: unknown[][] = [];
    for (const d of await loadDecisions(db, tenant.id)) {
      for (const v of d.versions) {
        const view = versionView(d, v, at);
        if (wanted !== "all" && view.state !== wanted) continue;
        rows.push([
          d.id,
          d.dataClassKey,
          classes.get(d.dataClassKey)?.name ?? "",
          d.destination.kind,
          d.destination.id,
          d.destination.location ?? "",
          view.version,
          view.state,
          view.outcome,
          view.legal_basis,
          view.tia_ref,
          view.dpa_clause,
          view.effective_from,
          view.effective_to,
          view.in_force_from,
          view.in_force_until,
          view.author_id,
          view.reviewed_by_id,
          view.reviewed_at,
          view.accepted_by_id,
          view.accepted_at,
          view.notes,
        ]);
      }
    }
    return { filename: `${tenant.slug}-sharing-decisions-${wanted}.csv`, body: toCsv(CSV_HEADER, rows) };
  });
}
