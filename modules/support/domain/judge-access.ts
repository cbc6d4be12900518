import type { AccessLevel } from "@/modules/support/domain/model";

export const ACCESS_OPERATIONS = ["read", "write", "delete"] as const;
export type AccessOperation = (typeof ACCESS_OPERATIONS)[number];

/** A grant as the judge needs it: who holds it, when, and what it covers. */
export interface GrantForJudging {
  id: string;
  tenantId: string;
  requesterId: string;
  requesterEmail: string;
  access: AccessLevel;
  /** Store ids the scope names (empty: any store holding the scope's classes). */
  storeIds: string[];
  /** Data classes the scope names (empty: any class held by the scope's stores). */
  dataClasses: string[];
  /** The classes each scoped store holds, to judge a scope that names stores only. */
  storeClasses: Map<string, string[]>;
  notBefore: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface AccessToJudge {
  tenantId: string;
  principal: string;
  /** A store id (names are resolved to ids before judging); null when the event names none. */
  storeId: string | null;
  dataClass: string;
  operation: AccessOperation;
  at: Date;
}

export type Judgement = { within: true; reason: string } | { within: false; reason: string; code: string };

const refuse = (code: string, reason: string): Judgement => ({ within: false, code, reason });

/**
 * Whether one access falls inside a grant: the same person, the same tenant, inside the
 * grant's window and not after its revocation, on a store and data class its scope covers,
 * with an operation its access level allows. Anything not shown to be inside is outside
 * (fail closed): an access without a store to a scope that names stores is outside.
 */
export function judgeAccess(grant: GrantForJudging | null, access: AccessToJudge): Judgement {
  if (!grant) return refuse("no_grant", "No grant of this tenant was named.");
  if (grant.tenantId !== access.tenantId) return refuse("other_tenant", "The grant is for another tenant.");
  if (access.principal !== grant.requesterId && access.principal.toLowerCase() !== grant.requesterEmail.toLowerCase())
    return refuse("other_principal", "The grant was given to someone else.");
  if (grant.revokedAt && access.at >= grant.revokedAt)
    return refuse("grant_revoked", "The grant had been revoked by then.");
  if (access.at < grant.notBefore) return refuse("grant_not_started", "The grant had not started yet.");
  if (access.at >= grant.expiresAt) return refuse("grant_expired", "The grant had expired.");
  if (access.operation !== "read" && grant.access !== "read_write")
    return refuse("operation_not_granted", `The grant allows reading only, not ${access.operation}.`);

  if (grant.storeIds.length > 0) {
    if (!access.storeId) return refuse("store_not_named", "The grant names stores and the access named none.");
    if (!grant.storeIds.includes(access.storeId))
      return refuse("store_not_granted", "The store is not in the grant's scope.");
  }
  if (grant.dataClasses.length > 0) {
    if (!grant.dataClasses.includes(access.dataClass))
      return refuse("data_class_not_granted", `The data class ${access.dataClass} is not in the grant's scope.`);
  } else {
    const held = access.storeId ? (grant.storeClasses.get(access.storeId) ?? []) : [];
    if (!held.includes(access.dataClass))
      return refuse("data_class_not_granted", `The grant's stores do not hold ${access.dataClass} there.`);
  }
  return { within: true, reason: "Inside the grant's window and scope." };
}
