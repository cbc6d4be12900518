import "server-only";
import { canonicalJsonBytes } from "@/modules/audit/domain/canonical-json";
import { leafHash, type Hash } from "@/modules/audit/domain/hash";

/** The stored columns an entry's leaf is made of: everything but its position and bookkeeping. */
export const LEAF_COLUMNS = {
  seq: true,
  id: true,
  at: true,
  region: true,
  actorType: true,
  actorId: true,
  actorEmployer: true,
  actorCountry: true,
  tenantId: true,
  action: true,
  subject: true,
  outcome: true,
  details: true,
  salt: true,
} as const;

export interface LeafRow {
  id: string;
  at: Date;
  region: string;
  actorType: string;
  actorId: string | null;
  actorEmployer: string | null;
  actorCountry: string | null;
  tenantId: string | null;
  action: string;
  subject: string | null;
  outcome: string;
  details: unknown;
  salt: string;
}

/**
 * The entry as it is committed to the log (version 1). Its RFC 8785 canonical JSON is the leaf:
 * anyone holding the entry recomputes the leaf hash bit for bit.
 */
export function leafContent(row: LeafRow) {
  return {
    v: 1,
    id: row.id,
    at: row.at.toISOString(),
    region: row.region,
    actor: { type: row.actorType, id: row.actorId, employer: row.actorEmployer, country: row.actorCountry },
    tenant: row.tenantId,
    action: row.action,
    subject: row.subject,
    outcome: row.outcome,
    details: row.details ?? {},
    salt: row.salt,
  };
}

export function entryLeafBytes(row: LeafRow): Buffer {
  return canonicalJsonBytes(leafContent(row));
}

export function entryLeafHash(row: LeafRow): Hash {
  return leafHash(entryLeafBytes(row));
}
