import "server-only";
import type { z } from "zod";
import type { PrismaClient, Tx } from "@/platform/db/transaction";
import type { scopeRequest } from "@/modules/evidence/api-schemas";

export type ScopeRequestView = z.infer<typeof scopeRequest>;

export const scopeRequestSelect = {
  id: true,
  membershipId: true,
  requestedById: true,
  status: true,
  access: true,
  scopeFrom: true,
  scopeTo: true,
  reason: true,
  currentAccess: true,
  currentFrom: true,
  currentTo: true,
  decidedById: true,
  decidedAt: true,
  note: true,
  createdAt: true,
} as const;

export interface ScopeRequestRow {
  id: string;
  membershipId: string;
  requestedById: string;
  status: string;
  access: string;
  scopeFrom: Date;
  scopeTo: Date;
  reason: string;
  currentAccess: string;
  currentFrom: Date | null;
  currentTo: Date | null;
  decidedById: string | null;
  decidedAt: Date | null;
  note: string | null;
  createdAt: Date;
}

const accessOf = (a: string) => (a === "evidence" ? "evidence" : "attestations");
const STATES = new Set(["pending", "approved", "denied", "lapsed"]);

/** Requests as the API shows them, with the people named. */
export async function scopeRequestViews(db: PrismaClient | Tx, rows: ScopeRequestRow[]): Promise<ScopeRequestView[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.requestedById, r.decidedById]).filter((i): i is string => !!i))];
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const person = (id: string) => ({ id, name: names.get(id) ?? "(account removed)" });
  return rows.map((r) => ({
    id: r.id,
    state: (STATES.has(r.status) ? r.status : "lapsed") as ScopeRequestView["state"],
    access: accessOf(r.access),
    from: r.scopeFrom.toISOString(),
    to: r.scopeTo.toISOString(),
    reason: r.reason,
    current: {
      access: accessOf(r.currentAccess),
      from: r.currentFrom?.toISOString() ?? null,
      to: r.currentTo?.toISOString() ?? null,
    },
    requested_at: r.createdAt.toISOString(),
    requested_by: person(r.requestedById),
    decided_at: r.decidedAt?.toISOString() ?? null,
    decided_by: r.decidedById ? person(r.decidedById) : null,
    note: r.note,
  }));
}

/**
 * Each engagement's newest request, made since the engagement (re)started: a request from an
 * engagement that lapsed and was invited again is history, not the current state.
 */
export async function newestScopeRequests(
  db: PrismaClient | Tx,
  engagements: { id: string; createdAt: Date }[],
): Promise<Map<string, ScopeRequestView>> {
  if (engagements.length === 0) return new Map();
  const rows = await db.auditorScopeRequest.findMany({
    where: { OR: engagements.map((e) => ({ membershipId: e.id, createdAt: { gte: e.createdAt } })) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: scopeRequestSelect,
  });
  const newest = new Map<string, ScopeRequestRow>();
  for (const r of rows) if (!newest.has(r.membershipId)) newest.set(r.membershipId, r);
  const views = await scopeRequestViews(db, [...newest.values()]);
  return new Map(views.map((v, i) => [[...newest.keys()][i]!, v]));
}
