import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { ConflictError, NotFoundError } from "@/platform/errors";
import { entryLeafBytes, LEAF_COLUMNS } from "@/modules/audit/server/leaf";
import { tlogProofFor } from "@/modules/audit/server/public-log";
import type { Prisma, PrismaClient } from "@/platform/db/generated/prisma/client";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { AUDIT_WHO_ACTOR_TYPES, type AuditWho } from "@/modules/audit/domain/audit-who";
import { ingestTokenOf, systemActorName, type AuditActorView } from "@/modules/audit/domain/actors";

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
  actor: AuditActorView;
  subject: string | null;
  outcome: string;
  details: unknown;
}

interface ActorRow {
  actorType: string;
  actorId: string | null;
  details: Prisma.JsonValue;
}

interface NameRow {
  kind: "user" | "api_token" | "ingest_token";
  id: string;
  name: string;
  email: string | null;
}

function tokenIdOf(details: Prisma.JsonValue): string | null {
  if (!details || typeof details !== "object" || Array.isArray(details)) return null;
  const id = (details as Prisma.JsonObject).token_id;
  return typeof id === "string" ? id : null;
}

/**
 * The people, API tokens and ingest tokens behind a page of entries, in one query (not one per
 * entry). E-mail addresses come back only for provider staff and the tenant's auditors: people
 * from outside the customer, whom its readers need to be able to reach; the customer's own
 * colleagues are shown by name.
 */
async function resolveActors(
  db: PrismaClient,
  tenantId: string,
  rows: ActorRow[],
): Promise<(r: ActorRow) => Omit<AuditActorView, "employer" | "country">> {
  const users = new Set<string>();
  const tokens = new Set<string>();
  const ingest = new Set<string>();
  for (const r of rows) {
    if ((r.actorType === "user" || r.actorType === "api_token") && r.actorId) users.add(r.actorId);
    const token = r.actorType === "api_token" ? tokenIdOf(r.details) : null;
    if (token) tokens.add(token);
    const ingestToken = r.actorType === "system" && r.actorId ? ingestTokenOf(r.actorId) : null;
    if (ingestToken) ingest.add(ingestToken);
  }
  const found =
    users.size + tokens.size + ingest.size === 0
      ? []
      : await db.$queryRaw<NameRow[]>`
          SELECT 'user' AS kind, u.id, u.name,
                 CASE WHEN u.provider_role IS NOT NULL OR m.role = 'auditor' THEN u.email END AS email
            FROM users u LEFT JOIN memberships m ON m.user_id = u.id AND m.tenant_id = ${tenantId}
           WHERE u.id = ANY(${[...users]}::text[])
          UNION ALL
          SELECT 'api_token', t.id, t.name, NULL FROM api_tokens t WHERE t.id = ANY(${[...tokens]}::text[])
          UNION ALL
          SELECT 'ingest_token', i.id, i.name, NULL FROM ingest_tokens i WHERE i.id = ANY(${[...ingest]}::text[])`;
  const byKey = new Map(found.map((n) => [`${n.kind}:${n.id}`, n]));
  return (r) => {
    const base = { type: r.actorType, id: r.actorId, name: null, email: null, token: null };
    if (r.actorType === "system" && r.actorId) {
      const ingestToken = ingestTokenOf(r.actorId);
      const tokenName = ingestToken ? (byKey.get(`ingest_token:${ingestToken}`)?.name ?? null) : null;
      return { ...base, name: systemActorName(r.actorId, tokenName) };
    }
    if (r.actorType !== "user" && r.actorType !== "api_token") return base;
    const person = r.actorId ? byKey.get(`user:${r.actorId}`) : undefined;
    const tokenId = r.actorType === "api_token" ? tokenIdOf(r.details) : null;
    return {
      ...base,
      name: person?.name ?? null,
      email: person?.email ?? null,
      token: tokenId ? { id: tokenId, name: byKey.get(`api_token:${tokenId}`)?.name ?? null } : null,
    };
  };
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
    const actorOf = await resolveActors(db, tenant.id, page);
    const entries: AuditEntryView[] = page.map((r) => ({
      id: r.id,
      index: r.leafIndex === null ? null : Number(r.leafIndex),
      at: r.at.toISOString(),
      action: r.action,
      actor: { ...actorOf(r), employer: r.actorEmployer, country: r.actorCountry },
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
