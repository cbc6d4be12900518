/**
 * An auditor's request for more of a tenant's evidence: what counts as asking for more, what an
 * approval makes of the engagement, and the words people read about it. Pure, so the server, the
 * notifications and the UI say the same thing.
 */
import { formatDateTime } from "@/platform/format";
import type { EvidenceAccess } from "@/modules/evidence/domain/engagement";

export type ScopeRequestState = "pending" | "approved" | "denied" | "lapsed";

export interface EngagementScope {
  access: EvidenceAccess;
  /** null: any time (no lower bound). */
  from: Date | null;
  /** null: no upper bound. */
  to: Date | null;
}

export interface AskedScope {
  access: EvidenceAccess;
  from: Date;
  to: Date;
}

const RANK: Record<EvidenceAccess, number> = { attestations: 0, evidence: 1 };

/**
 * Why `asked` does not widen `current`, or null when it does: it must keep everything the
 * engagement covers (the access, every period) and add something (full evidence, or periods).
 */
export function notWider(current: EngagementScope, asked: AskedScope): string | null {
  if (RANK[asked.access] < RANK[current.access])
    return "access: the engagement already covers full evidence; ask for evidence.";
  // An open bound (null) already covers everything on its side: the asked bound there changes nothing.
  if (current.from !== null && asked.from > current.from)
    return `from: the engagement already covers periods from ${day(current.from)}; ask from that day or earlier.`;
  if (current.to !== null && asked.to < current.to)
    return `to: the engagement already covers periods until ${day(current.to)}; ask until that day or later.`;
  const adds =
    RANK[asked.access] > RANK[current.access] ||
    (current.from !== null && asked.from < current.from) ||
    (current.to !== null && asked.to > current.to);
  return adds ? null : "The scope asked for is the one the engagement already has: ask for more periods or evidence.";
}

/**
 * The engagement's scope once a request is approved: the union of the scope it has now (an admin
 * may have changed it since the request) and the scope asked for, so an approval never narrows.
 */
export function widened(current: EngagementScope, asked: AskedScope): EngagementScope {
  return {
    access: RANK[asked.access] > RANK[current.access] ? asked.access : current.access,
    from: current.from === null ? null : asked.from < current.from ? asked.from : current.from,
    to: current.to === null ? null : asked.to > current.to ? asked.to : current.to,
  };
}

/** A day as YYYY-MM-DD (UTC). */
export function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

const ACCESS_PHRASE: Record<EvidenceAccess, string> = {
  attestations: "the signed attestations",
  evidence: "evidence (attestations, keys, the audit log, evidence packages)",
};

/** "evidence (…) for 2025-01-01 to 2026-01-01": what a scope lets the auditor read, in words. */
export function scopeWords(scope: { access: EvidenceAccess; from: Date | null; to: Date | null }): string {
  const from = scope.from ? day(scope.from) : "any time";
  const to = scope.to ? `${day(scope.to)} (not included)` : "now";
  return `${ACCESS_PHRASE[scope.access]} for periods from ${from} to ${to}`;
}

/** An instant with its zone, to the minute, as every page writes one: "1 Mar 2026, 23:59 UTC". */
export function instantWords(d: Date): string {
  return formatDateTime(d.toISOString());
}

const dateOf = (iso: string | null) => (iso ? new Date(iso) : null);

/**
 * What approving a request makes of the engagement, in the words of the confirmation: "Audrey
 * Mensah will be able to read evidence for 2025-01-01 to 2027-01-01 until 3 Mar 2027, 23:59 UTC."
 */
export function approvalWords(
  auditor: {
    name: string;
    access: EvidenceAccess;
    scope_from: string | null;
    scope_to: string | null;
    expires_at: string | null;
  },
  request: { access: EvidenceAccess; from: string; to: string },
): string {
  const next = widened(
    { access: auditor.access, from: dateOf(auditor.scope_from), to: dateOf(auditor.scope_to) },
    { access: request.access, from: new Date(request.from), to: new Date(request.to) },
  );
  const what = next.access === "evidence" ? "evidence" : "the attestations";
  const periods = `${next.from ? day(next.from) : "any time"} to ${next.to ? day(next.to) : "now"}`;
  const until = auditor.expires_at ? formatDateTime(auditor.expires_at) : "you revoke the engagement";
  return `${auditor.name} will be able to read ${what} for ${periods} until ${until}.`;
}
