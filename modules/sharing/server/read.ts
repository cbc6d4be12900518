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
import { withTenant, type RequestOrigin, type TenantScope } from "@/platform/access/with-tenant";
import { allowedActions, type TenantAction } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import { CONTRIBUTING_EVENTS, STEP_RULES, type DecisionAction, type StepName } from "@/modules/sharing/domain/steps";
import type { Tx } from "@/platform/db/transaction";
import { NotFoundError } from "@/platform/errors";
import { toCsv } from "@/platform/csv";
import type { VersionState } from "@/modules/sharing/domain/model";

type Db = PrismaClient | Tx;

async function classMap(db: Db, tenantId: string): Promise<Map<string, DataClassView>> {
  return new Map((await effectiveDataClasses(db, tenantId)).map((c) => [c.key, c]));
}

/** The tenant-level decision actions a list offers (drafting a new decision among them). */
export const DECISION_LIST_ACTIONS = [
  "decisions.draft",
  "decisions.review",
  "decisions.accept",
] as const satisfies readonly TenantAction[];

/**
 * One decision with every version, its diffs and workflow steps, and what the caller may do
 * with it now; another tenant's id is 404.
 */
export async function loadDecisionDetail(scope: TenantScope, decisionId: string): Promise<DecisionDetail> {
  const detail = await loadDecisionView(scope.db, scope.tenant.id, decisionId);
  return { ...detail, ...decisionActions(scope, detail) };
}

/**
 * The state rules (STEP_RULES) say which steps the version in the workflow allows; the policy
 * says which the caller may take: its tenant action, and for a review, the version itself
 * (four eyes: its contributors are the author and whoever edited it).
 */
function decisionActions(
  scope: TenantScope,
  detail: Omit<DecisionDetail, "allowed_actions" | "four_eyes">,
): Pick<DecisionDetail, "allowed_actions" | "four_eyes"> {
  const tenantAllowed = scope.allowed(DECISION_LIST_ACTIONS);
  const pending = detail.pending;
  if (!pending)
    return { allowed_actions: tenantAllowed.includes("decisions.draft") ? ["propose"] : [], four_eyes: false };
  const version = detail.versions.find((v) => v.id === pending.id);
  const contributors = [
    pending.author_id,
    ...(version?.events ?? [])
      .filter((e) => (CONTRIBUTING_EVENTS as readonly string[]).includes(e.type))
      .map((e) => e.actor.id),
  ];
  const mayReviewVersion =
    allowedActions(policyPrincipal(scope.actor, scope.role), ["decisions.review"], {
      type: "DecisionVersion",
      id: pending.id,
      tenantId: scope.tenant.id,
      contributors,
    }).length > 0;
  const steps = (Object.keys(STEP_RULES) as StepName[]).filter((name) => {
    const rule = STEP_RULES[name];
    if (!(rule.from as readonly string[]).includes(pending.status)) return false;
    if (!tenantAllowed.includes(rule.action)) return false;
    return !rule.fourEyes || mayReviewVersion;
  });
  const actions: DecisionAction[] = [...steps];
  if (pending.status === "draft" && tenantAllowed.includes("decisions.draft")) actions.push("edit");
  return {
    allowed_actions: actions,
    four_eyes: pending.status === "in_review" && tenantAllowed.includes("decisions.review") && !mayReviewVersion,
  };
}

async function loadDecisionView(db: Db, tenantId: string, decisionId: string) {
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
  return withTenant(actor, tenantSlug, "decisions.read", request, (scope) => loadDecisionDetail(scope, decisionId));
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
  return withTenant(actor, tenantSlug, "decisions.read", request, async ({ db, tenant, allowed }) => {
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
      // Tenant-level: drafting a new decision, reviewing and accepting in general (each decision's detail says what now).
      allowed_actions: allowed(DECISION_LIST_ACTIONS),
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
