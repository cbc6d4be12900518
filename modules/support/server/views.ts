import "server-only";
import type { z } from "zod";
import { allowedActions, type PolicyPrincipal } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import type { TenantScope } from "@/platform/access/with-tenant";
import { databaseNow } from "@/platform/db/db-time";
import type { grantView, supportRequestView, REQUEST_STEPS } from "@/modules/support/api-schemas";
import {
  REASON_LABELS,
  STATE_LABELS,
  type AccessLevel,
  type ReasonCode,
  type RequestState,
} from "@/modules/support/domain/model";
import { effectiveState, stepsFrom, type RequestStep } from "@/modules/support/domain/state";
import { describeScope } from "@/modules/support/domain/scope-text";
import { maybePerson, peopleById, personOf, type PersonView } from "@/modules/support/server/people";
import { tenantStores, type Db, type LoadedRequest, type StoreMap } from "@/modules/support/server/store";

export type SupportRequestView = z.infer<typeof supportRequestView>;
type Step = (typeof REQUEST_STEPS)[number];

/** The Cedar resource of one request: who asked, who approved this round, who opened it. */
export function requestResource(l: LoadedRequest) {
  return {
    type: "SupportRequest" as const,
    id: l.request.id,
    tenantId: l.request.tenantId,
    requester: l.request.requesterId,
    approvers: l.approvals.filter((a) => a.round === l.request.round).map((a) => a.approverId),
    confirmers: l.request.confirmedById ? [l.request.confirmedById] : [],
  };
}

const STEP_ACTION = {
  approve: "support.approve",
  deny: "support.approve",
  withdraw: "support.request",
  extend: "support.request",
  token: "support.request",
  revoke: "support.approve",
  confirm: "support.break_glass.confirm",
  review: "support.break_glass.review",
} as const satisfies Record<RequestStep, string>;

/** The steps this caller may take on this request now: the state machine's, then Cedar's say. */
export function allowedSteps(principal: PolicyPrincipal, l: LoadedRequest, state: RequestState): Step[] {
  const steps: RequestStep[] = stepsFrom(state, l.request.breakGlass);
  if (l.request.breakGlass && l.request.confirmedById && !l.request.reviewedAt) steps.push("review");
  const resource = requestResource(l);
  // Denying is one admin's call even after another approved; only the requester is excluded.
  const denyResource = { ...resource, approvers: [] };
  return steps.filter((step) => {
    const on = step === "deny" || step === "revoke" ? denyResource : resource;
    return allowedActions(principal, [STEP_ACTION[step]], on).length > 0;
  });
}

function scopeView(l: LoadedRequest, stores: StoreMap) {
  return {
    stores: l.request.storeIds.map((id) => {
      const s = stores.get(id);
      return { id, name: s?.name ?? id, region: s?.region ?? "unknown" };
    }),
    data_classes: l.request.dataClasses,
    access: l.request.access as AccessLevel,
  };
}

function grantOf(l: LoadedRequest, people: Map<string, PersonView>): z.infer<typeof grantView> | null {
  const g = l.grant;
  if (!g) return null;
  return {
    id: g.id,
    request_id: g.requestId,
    not_before: g.notBefore.toISOString(),
    expires_at: g.expiresAt.toISOString(),
    revoked_at: g.revokedAt?.toISOString() ?? null,
    revoked_by: maybePerson(people, g.revokedById),
    revoke_reason: g.revokeReason,
    approvers: g.approverIds.map((id) => personOf(people, id)),
  };
}

export function stateNow(l: LoadedRequest, now: Date): RequestState {
  return effectiveState(l.request.state as RequestState, l.request.expiresAt, l.grant, now);
}

/** Builds request views for one tenant as the caller sees them. */
export async function requestViews(
  db: Db,
  scope: Pick<TenantScope, "actor" | "role" | "tenant">,
  loaded: LoadedRequest[],
): Promise<SupportRequestView[]> {
  const now = await databaseNow(db);
  const r = loaded.map((l) => l.request);
  const people = await peopleById(db, [
    ...r.flatMap((x) => [x.requesterId, x.deniedById, x.confirmedById, x.reviewedById]),
    ...loaded.flatMap((l) => [
      ...l.approvals.map((a) => a.approverId),
      ...(l.grant?.approverIds ?? []),
      l.grant?.revokedById ?? null,
    ]),
  ]);
  const stores = await tenantStores(db, scope.tenant.id);
  const principal = policyPrincipal(scope.actor, scope.role);
  return loaded.map((l) => {
    const q = l.request;
    const state = stateNow(l, now);
    const scopeOut = scopeView(l, stores);
    return {
      id: q.id,
      tenant: scope.tenant.slug,
      state,
      state_label: STATE_LABELS[state],
      break_glass: q.breakGlass,
      requester: {
        ...personOf(people, q.requesterId),
        job_title: q.jobTitle,
        employer: q.employer,
        office_country: q.officeCountry,
        location_country: q.locationCountry,
      },
      scope: scopeOut,
      scope_text: describeScope({
        access: scopeOut.access,
        stores: scopeOut.stores,
        dataClasses: q.dataClasses,
        durationMinutes: q.durationMinutes,
      }),
      reason: q.reason as ReasonCode,
      reason_label: REASON_LABELS[q.reason as ReasonCode] ?? q.reason,
      detail: q.detail,
      ticket: q.ticket,
      requested_start: q.requestedStart.toISOString(),
      duration_minutes: q.durationMinutes,
      created_at: q.createdAt.toISOString(),
      expires_at: q.expiresAt.toISOString(),
      approvals_required: q.approvalsRequired,
      round: q.round,
      approvals: l.approvals.map((a) => ({
        round: a.round,
        approver: personOf(people, a.approverId),
        at: a.createdAt.toISOString(),
        duration_minutes: a.durationMinutes,
      })),
      decided_at: q.decidedAt?.toISOString() ?? null,
      denial:
        q.state === "denied" || q.denialReason
          ? {
              by: maybePerson(people, q.deniedById),
              reason: q.denialReason,
              at: (q.decidedAt ?? q.createdAt).toISOString(),
            }
          : null,
      withdrawn_at: q.withdrawnAt?.toISOString() ?? null,
      extension:
        q.extensionMinutes !== null
          ? {
              minutes: q.extensionMinutes,
              detail: q.extensionDetail ?? "",
              expires_at: q.extensionExpiresAt?.toISOString() ?? null,
            }
          : null,
      confirmed_by: maybePerson(people, q.confirmedById),
      review:
        q.reviewedById && q.reviewedAt
          ? { by: personOf(people, q.reviewedById), at: q.reviewedAt.toISOString(), rationale: q.reviewRationale ?? "" }
          : null,
      needs_review: q.breakGlass && q.confirmedById !== null && q.reviewedAt === null,
      grant: grantOf(l, people),
      allowed_actions: allowedSteps(principal, l, state),
    };
  });
}
