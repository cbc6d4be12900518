import "server-only";
import type { UserActor } from "@/platform/auth/actor";
import type { LawfulAccessRequest } from "@/platform/db/generated/prisma/client";
import type { PrismaClient, Tx } from "@/platform/db/transaction";
import { NotFoundError } from "@/platform/errors";
import { allowedActions } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import { countryName } from "@/platform/region/countries";
import type { RequestView } from "@/modules/lawful-access/api-schemas/register";
import {
  DISPOSITION_LABELS,
  KIND_LABELS,
  NOTIFICATION_LABELS,
  notificationState,
  type Disposition,
  type RequestKind,
} from "@/modules/lawful-access/domain/model";

export type RequestRow = LawfulAccessRequest;

export async function findRequest(db: PrismaClient | Tx, region: string, id: string): Promise<RequestRow> {
  const row = await db.lawfulAccessRequest.findFirst({ where: { id, region } });
  if (!row)
    throw new NotFoundError(`The lawful-access register of ${region} has no request ${id}.`, "request_not_found");
  return row;
}

/** Whether an open request's response date has passed with no response recorded. */
export function isOverdue(row: Pick<RequestRow, "closedAt" | "respondedAt" | "responseDueAt">, now: Date): boolean {
  return !row.closedAt && !row.respondedAt && row.responseDueAt !== null && row.responseDueAt < now;
}

/**
 * The staff view of requests, with the people by name, the tenants by slug and name, and what the
 * caller may do with each (the policy decides "close" per request, with its recorder).
 */
export async function requestViews(
  db: PrismaClient | Tx,
  actor: UserActor,
  rows: readonly RequestRow[],
  now: Date,
): Promise<RequestView[]> {
  const userIds = [...new Set(rows.flatMap((r) => [r.recordedById, r.closedById].filter((x): x is string => !!x)))];
  const tenantIds = [...new Set(rows.flatMap((r) => r.tenantIds))];
  const [users, tenants] = await Promise.all([
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
    tenantIds.length
      ? db.tenant.findMany({ where: { id: { in: tenantIds } }, select: { id: true, slug: true, name: true } })
      : [],
  ]);
  const person = (id: string) => ({ id, name: users.find((u) => u.id === id)?.name ?? "(unknown)" });
  const principal = policyPrincipal(actor);
  return rows.map((r) => {
    const open = r.closedAt === null;
    const mayUpdate =
      open && allowedActions(principal, ["region.lawful_access.manage"], { type: "Region", id: r.region }).length > 0;
    const mayClose =
      open &&
      allowedActions(principal, ["region.lawful_access.close"], {
        type: "LawfulAccessRequest",
        id: r.id,
        region: r.region,
        recorder: r.recordedById,
      }).length > 0;
    const mayCloseAtAll =
      allowedActions(principal, ["region.lawful_access.close"], { type: "Region", id: r.region }).length > 0;
    const state = notificationState(r, now);
    return {
      id: r.id,
      region: r.region,
      state: open ? "open" : "closed",
      authority: r.authority,
      jurisdiction: r.jurisdiction,
      jurisdiction_name: countryName(r.jurisdiction),
      legal_instrument: r.legalInstrument,
      kind: r.kind as RequestKind,
      kind_label: KIND_LABELS[r.kind as RequestKind],
      data_classes: r.dataClasses,
      tenants: r.tenantIds.map((id) => {
        const t = tenants.find((x) => x.id === id);
        return { id, slug: t?.slug ?? id, name: t?.name ?? id };
      }),
      summary: r.summary,
      received_at: r.receivedAt.toISOString(),
      response_due_at: r.responseDueAt?.toISOString() ?? null,
      responded_at: r.respondedAt?.toISOString() ?? null,
      overdue: isOverdue(r, now),
      notification: {
        state,
        state_label: NOTIFICATION_LABELS[state],
        notified_at: r.notifiedAt?.toISOString() ?? null,
        prohibition_basis: r.prohibitionBasis,
        prohibition_until: r.prohibitionUntil?.toISOString() ?? null,
      },
      disposition: r.disposition as Disposition,
      disposition_label: DISPOSITION_LABELS[r.disposition as Disposition],
      rationale: r.rationale,
      recorded_by: person(r.recordedById),
      recorded_at: r.recordedAt.toISOString(),
      updated_at: r.updatedAt.toISOString(),
      closed_by: r.closedById ? person(r.closedById) : null,
      closed_at: r.closedAt?.toISOString() ?? null,
      allowed_actions: [...(mayUpdate ? (["update"] as const) : []), ...(mayClose ? (["close"] as const) : [])],
      four_eyes: open && mayCloseAtAll && !mayClose,
    };
  });
}
