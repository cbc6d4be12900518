import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { ConflictError, NotFoundError } from "@/platform/errors";
import { entryLeafBytes, LEAF_COLUMNS } from "@/modules/audit/server/leaf";
import { tlogProofFor } from "@/modules/audit/server/public-log";
import type { Prisma } from "@/platform/db/generated/prisma/client";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { AUDIT_WHO_ACTOR_TYPES, type AuditWho } from "@/modules/audit/domain/audit-who";

export interface AuditFilter {
  /** Exact action, or a prefix ending in "." (e.g. "api_token."). */
  action?: string;
  actor?: string;
  who?: AuditWho;
  from?: Date;
  to?: Date;
  /** Opaque: the `next_cursor` of the previous page. */
  cursor?: string;
  limit: number;
}

export interface AuditEntryView {
  id: string;
  index: number | null;
  at: string;
  action: string;
  actor: { type: string; id: string | null; employer: string | null; country: string | null };
  subject: string | null;
  outcome: string;
  details: unknown;
}

function decodeCursor(cursor: string | undefined): bigint | undefined {
  if (!cursor) return undefined;
  if (!/^[0-9]{1,19}$/.test(cursor)) return undefined;
  // seq is a bigint column: 19 digits can exceed it, and PostgreSQL would fail the query.
  const seq = BigInt(cursor);
  return seq <= 2n ** 63n - 1n ? seq : undefined;
}

/** The tenant's audit entries, newest first, for those the policy lets read its records. */
export async function listTenantAudit(actor: Actor, tenantSlug: string, filter: AuditFilter, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, "audit.read", request, async ({ db, tenant }) => {
    const before = decodeCursor(filter.cursor);
    const where: Prisma.AuditEntryWhereInput = {
      tenantId: tenant.id,
      ...(filter.action
        ? filter.action.endsWith(".")
          ? { action: { startsWith: filter.action } }
          : { action: filter.action }
        : {}),
      ...(filter.actor ? { actorId: filter.actor } : {}),
      ...(filter.who ? { actorType: { in: AUDIT_WHO_ACTOR_TYPES[filter.who] } } : {}),
      ...(filter.from || filter.to
        ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
        : {}),
      ...(before !== undefined ? { seq: { lt: before } } : {}),
    };
    const rows = await db.auditEntry.findMany({
      where,
      orderBy: { seq: "desc" },
      take: filter.limit + 1,
      select: {
        seq: true,
        id: true,
        leafIndex: true,
        at: true,
        action: true,
        actorType: true,
        actorId: true,
        actorEmployer: true,
        actorCountry: true,
        subject: true,
        outcome: true,
        details: true,
      },
    });
    const page = rows.slice(0, filter.limit);
    const entries: AuditEntryView[] = page.map((r) => ({
      id: r.id,
      index: r.leafIndex === null ? null : Number(r.leafIndex),
      at: r.at.toISOString(),
      action: r.action,
      actor: { type: r.actorType, id: r.actorId, employer: r.actorEmployer, country: r.actorCountry },
      subject: r.subject,
      outcome: r.outcome,
      details: r.details,
    }));
    return { entries, next_cursor: rows.length > filter.limit ? String(page[page.length - 1]!.seq) : null };
  });
}

/**
 * A C2SP tlog-proof for one of the tenant's entries, carrying the entry itself (its exact leaf
 * bytes) so that `terrane verify` checks it offline with nothing but the region's key.
 */
export async function tenantEntryProof(actor: Actor, tenantSlug: string, entryId: string, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, "audit.read", request, async ({ db, tenant }) => {
    const row = await db.auditEntry.findFirst({
      where: { id: entryId, tenantId: tenant.id },
      select: { ...LEAF_COLUMNS, leafIndex: true },
    });
    if (!row) throw new NotFoundError("No such audit entry in this tenant.", "entry_not_found");
    if (row.leafIndex === null)
      throw new ConflictError("This entry is not in the signed tree yet; try again in a moment.", "not_integrated_yet");
    const index = Number(row.leafIndex);
    // Prefer the newest checkpoint that witnesses have cosigned and that contains the entry:
    // a proof against it carries the cosignatures; the very latest checkpoint may have none yet.
    const cosigned = await db.auditCosignature.findFirst({
      where: { size: { gt: BigInt(index) } },
      orderBy: { size: "desc" },
      select: { size: true },
    });
    const size = cosigned ? Number(cosigned.size) : undefined;
    return { index, text: await tlogProofFor(index, size, entryLeafBytes(row)) };
  });
}
