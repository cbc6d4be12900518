import "server-only";
import type { PrismaClient, Tx } from "@/platform/db/transaction";
import { NotFoundError } from "@/platform/errors";

export type Db = PrismaClient | Tx;

/**
 * Which requests a reader sees: everything with `support.read` (the tenant's people, compliance
 * officers); otherwise their own, and break-glass requests for whoever may open one (provider admins).
 */
export interface Visibility {
  everything: boolean;
  breakGlass: boolean;
  userId: string;
}

export function sees(v: Visibility, r: { requesterId: string; breakGlass: boolean }): boolean {
  return v.everything || r.requesterId === v.userId || (v.breakGlass && r.breakGlass);
}

/** A request with everything its view needs: the grant it made and every approval. */
export async function loadRequests(
  db: Db,
  where: { tenantId: string; ids?: string[]; requesterId?: string; visibleTo?: Visibility; limit?: number },
) {
  const requests = await db.supportRequest.findMany({
    where: {
      tenantId: where.tenantId,
      ...(where.ids ? { id: { in: where.ids } } : {}),
      ...(where.requesterId ? { requesterId: where.requesterId } : {}),
      ...(where.visibleTo && !where.visibleTo.everything
        ? {
            OR: [
              { requesterId: where.visibleTo.userId },
              ...(where.visibleTo.breakGlass ? [{ breakGlass: true }] : []),
            ],
          }
        : {}),
    },
    orderBy: { createdAt: "desc" },
    take: where.limit ?? 500,
  });
  const ids = requests.map((r) => r.id);
  const [grants, approvals] = await Promise.all([
    db.supportGrant.findMany({ where: { requestId: { in: ids } } }),
    db.supportApproval.findMany({ where: { requestId: { in: ids } }, orderBy: { createdAt: "asc" } }),
  ]);
  const grantOf = new Map(grants.map((g) => [g.requestId, g]));
  return requests.map((request) => ({
    request,
    grant: grantOf.get(request.id) ?? null,
    approvals: approvals.filter((a) => a.requestId === request.id),
  }));
}

export type LoadedRequest = Awaited<ReturnType<typeof loadRequests>>[number];

export async function loadRequest(db: Db, tenantId: string, requestId: string): Promise<LoadedRequest> {
  const [found] = await loadRequests(db, { tenantId, ids: [requestId] });
  if (!found) throw new NotFoundError("This tenant has no such support-access request.", "request_not_found");
  return found;
}

/** Takes the request's row lock: steps on one request happen one at a time, on every replica. */
export async function lockRequest(tx: Tx, tenantId: string, requestId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM support_requests WHERE id = ${requestId} AND tenant_id = ${tenantId} FOR UPDATE`;
  if (rows.length === 0)
    throw new NotFoundError("This tenant has no such support-access request.", "request_not_found");
}

/** The tenant's stores by id, with the data classes each holds. */
export async function tenantStores(db: Db, tenantId: string) {
  const stores = await db.store.findMany({
    where: { tenantId },
    select: { id: true, name: true, region: true, dataClasses: { select: { dataClass: { select: { key: true } } } } },
  });
  return new Map(
    stores.map((s) => [
      s.id,
      { id: s.id, name: s.name, region: s.region, classes: s.dataClasses.map((d) => d.dataClass.key) },
    ]),
  );
}
export type StoreMap = Awaited<ReturnType<typeof tenantStores>>;
