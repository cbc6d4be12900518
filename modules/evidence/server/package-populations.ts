import "server-only";
import type { PrismaClient } from "@/platform/db/transaction";
import type { Period } from "@/modules/attestations/domain/period";
import { canonicalJson } from "@/modules/audit/domain/canonical-json";
import { PACKAGE_FILES as F } from "@/modules/evidence/domain/package-files";

/**
 * The lists of an evidence package, each complete for the period and read in pages of PAGE
 * rows (keyset, never OFFSET), so a year of a busy tenant streams in bounded memory. No page
 * holds a transaction open: on the embedded database that would stop every other request.
 */
export const PAGE = 1000;

export interface PopulationSource {
  name: string;
  path: string;
  /** In words and SQL: what was selected, for the manifest. */
  query: string;
  lines: () => AsyncIterable<string>;
}

export interface PackageScope {
  db: PrismaClient;
  tenantId: string;
  period: Period;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Reads pages after the key of the previous page's last row until one comes back short; each
 * row one JSON line.
 */
export async function* pagedLines<R>(
  read: (after: string | undefined) => Promise<R[]>,
  line: (row: R) => unknown,
  key: (row: R) => string = (row) => (row as { id: string }).id,
): AsyncGenerator<string> {
  let after: string | undefined;
  for (;;) {
    const rows = await read(after);
    if (rows.length > 0) yield rows.map((r) => `${canonicalJson(line(r))}\n`).join("");
    if (rows.length < PAGE) return;
    after = key(rows[rows.length - 1]!);
  }
}

type Cursor<K> = { cursor?: K; skip?: number };

const byId = (after: string | undefined): Cursor<{ id: string }> => (after ? { cursor: { id: after }, skip: 1 } : {});

export function keyEvents({ db, tenantId, period }: PackageScope): PopulationSource {
  return {
    name: "key_events",
    path: F.keyEvents,
    query: `Every event of every key of the tenant in the period. SELECT * FROM key_events WHERE tenant_id = '${tenantId}' AND at >= '${period.from.toISOString()}' AND at < '${period.to.toISOString()}' ORDER BY at, id`,
    lines: () =>
      pagedLines(
        (after) =>
          db.keyEvent.findMany({
            where: { tenantId, at: { gte: period.from, lt: period.to } },
            orderBy: [{ at: "asc" }, { id: "asc" }],
            take: PAGE,
            ...byId(after),
          }),
        (e) => ({
          id: e.id,
          key_id: e.keyId,
          at: e.at.toISOString(),
          type: e.type,
          actor: { type: e.actorType, id: e.actorId },
          details: e.details,
        }),
      ),
  };
}

export function revocationReceipts({ db, tenantId, period }: PackageScope): PopulationSource {
  return {
    name: "revocation_receipts",
    path: F.receipts,
    query: `Every disable of the tenant's keys in the period, with its signed receipt. SELECT * FROM revocation_receipts WHERE tenant_id = '${tenantId}' AND disabled_at >= '${period.from.toISOString()}' AND disabled_at < '${period.to.toISOString()}' ORDER BY disabled_at, id`,
    lines: () =>
      pagedLines(
        (after) =>
          db.revocationReceipt.findMany({
            where: { tenantId, disabledAt: { gte: period.from, lt: period.to } },
            orderBy: [{ disabledAt: "asc" }, { id: "asc" }],
            take: PAGE,
            ...byId(after),
            select: {
              id: true,
              keyId: true,
              disabledAt: true,
              status: true,
              maxMs: true,
              completedAt: true,
              body: true,
              signature: true,
            },
          }),
        (r) => ({
          id: r.id,
          key_id: r.keyId,
          disabled_at: r.disabledAt.toISOString(),
          status: r.status,
          time_to_revoke_ms: r.maxMs,
          completed_at: iso(r.completedAt),
          receipt: r.body === null ? null : { body: r.body, signature: r.signature },
        }),
      ),
  };
}

export function decisionVersions({ db, tenantId, period }: PackageScope): PopulationSource {
  return {
    name: "decision_versions",
    path: F.decisionVersions,
    query: `Every version of every sharing decision of the tenant written before the period ended, whatever its status. SELECT v.*, d.data_class_key, d.destination_* FROM sharing_decision_versions v JOIN sharing_decisions d ON d.id = v.decision_id WHERE v.tenant_id = '${tenantId}' AND v.created_at < '${period.to.toISOString()}' ORDER BY v.created_at, v.id`,
    lines: () =>
      pagedLines(
        (after) =>
          db.sharingDecisionVersion.findMany({
            where: { tenantId, createdAt: { lt: period.to } },
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
            take: PAGE,
            ...byId(after),
            include: {
              decision: {
                select: { dataClassKey: true, destinationKind: true, destinationId: true, destinationLocation: true },
              },
            },
          }),
        (v) => ({
          decision_id: v.decisionId,
          version_id: v.id,
          version: v.version,
          data_class: v.decision.dataClassKey,
          destination: {
            kind: v.decision.destinationKind,
            id: v.decision.destinationId,
            location: v.decision.destinationLocation,
          },
          status: v.status,
          outcome: v.outcome,
          legal_basis: v.legalBasis,
          tia_ref: v.tiaRef,
          dpa_clause: v.dpaClause,
          effective_from: v.effectiveFrom.toISOString(),
          effective_to: iso(v.effectiveTo),
          notes: v.notes,
          author_id: v.authorId,
          submitted_at: iso(v.submittedAt),
          reviewed_by_id: v.reviewedById,
          reviewed_at: iso(v.reviewedAt),
          accepted_by_id: v.acceptedById,
          accepted_at: iso(v.acceptedAt),
          withdrawn_at: iso(v.withdrawnAt),
          created_at: v.createdAt.toISOString(),
        }),
      ),
  };
}

export function decisionEvents({ db, tenantId, period }: PackageScope): PopulationSource {
  return {
    name: "decision_events",
    path: F.decisionEvents,
    query: `Every workflow step on the tenant's sharing decisions in the period. SELECT * FROM sharing_decision_events WHERE tenant_id = '${tenantId}' AND at >= '${period.from.toISOString()}' AND at < '${period.to.toISOString()}' ORDER BY at, id`,
    lines: () =>
      pagedLines(
        (after) =>
          db.sharingDecisionEvent.findMany({
            where: { tenantId, at: { gte: period.from, lt: period.to } },
            orderBy: [{ at: "asc" }, { id: "asc" }],
            take: PAGE,
            ...byId(after),
          }),
        (e) => ({
          id: e.id,
          decision_id: e.decisionId,
          version_id: e.versionId,
          at: e.at.toISOString(),
          type: e.type,
          actor_id: e.actorId,
          actor_role: e.actorRole,
          reason: e.reason,
        }),
      ),
  };
}

export function lineageVerdicts({ db, tenantId, period }: PackageScope): PopulationSource {
  return {
    name: "lineage_flows",
    path: F.lineageVerdicts,
    query: `Every dataset-to-dataset flow of the tenant seen during the period, with its verdict against the sharing decisions. SELECT * FROM lineage_edges WHERE tenant_id = '${tenantId}' AND kind = 'flow' AND first_seen_at < '${period.to.toISOString()}' AND last_seen_at >= '${period.from.toISOString()}' ORDER BY id`,
    lines: () =>
      pagedLines(
        (after) =>
          db.lineageEdge.findMany({
            where: { tenantId, kind: "flow", firstSeenAt: { lt: period.to }, lastSeenAt: { gte: period.from } },
            orderBy: { id: "asc" },
            take: PAGE,
            ...byId(after),
          }),
        (e) => ({
          id: e.id,
          source: e.sourceId,
          target: e.targetId,
          crossing: e.crossing,
          verdict: e.outcome,
          data_classes: e.dataClasses,
          form: e.form,
          decisions: e.decisions,
          reason: e.reason,
          evaluated_at: iso(e.evaluatedAt),
          first_seen_at: e.firstSeenAt.toISOString(),
          last_seen_at: e.lastSeenAt.toISOString(),
          runs: e.count,
        }),
      ),
  };
}

export function lineageAlerts({ db, tenantId, period }: PackageScope): PopulationSource {
  return {
    name: "lineage_alerts",
    path: F.lineageAlerts,
    query: `Every border-violation and region-unknown alert of the tenant open at any time in the period. SELECT * FROM lineage_alerts WHERE tenant_id = '${tenantId}' AND raised_at < '${period.to.toISOString()}' AND (resolved_at IS NULL OR resolved_at >= '${period.from.toISOString()}') ORDER BY raised_at, id`,
    lines: () =>
      pagedLines(
        (after) =>
          db.lineageAlert.findMany({
            where: {
              tenantId,
              raisedAt: { lt: period.to },
              OR: [{ resolvedAt: null }, { resolvedAt: { gte: period.from } }],
            },
            orderBy: [{ raisedAt: "asc" }, { id: "asc" }],
            take: PAGE,
            ...byId(after),
          }),
        (a) => ({
          id: a.id,
          kind: a.kind,
          subject: a.subject,
          from_region: a.fromRegion,
          to: { kind: a.toKind, id: a.toId, region: a.toRegion },
          data_classes: a.dataClasses,
          reason: a.reason,
          status: a.status,
          raised_at: a.raisedAt.toISOString(),
          acknowledged_at: iso(a.acknowledgedAt),
          acknowledged_by_id: a.acknowledgedById,
          resolved_at: iso(a.resolvedAt),
        }),
      ),
  };
}

export function supportRequests({ db, tenantId, period }: PackageScope): PopulationSource {
  return {
    name: "support_requests",
    path: F.supportRequests,
    query: `Every request for access to the tenant's data made in the period, with its approvals. SELECT r.*, approvals FROM support_requests r WHERE tenant_id = '${tenantId}' AND created_at >= '${period.from.toISOString()}' AND created_at < '${period.to.toISOString()}' ORDER BY created_at, id`,
    lines: () =>
      pagedLines(
        async (after) => {
          const rows = await db.supportRequest.findMany({
            where: { tenantId, createdAt: { gte: period.from, lt: period.to } },
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
            take: PAGE,
            ...byId(after),
          });
          const approvals = await db.supportApproval.findMany({
            where: { requestId: { in: rows.map((r) => r.id) } },
            orderBy: [{ round: "asc" }, { createdAt: "asc" }],
          });
          return rows.map((r) => ({ ...r, approvals: approvals.filter((a) => a.requestId === r.id) }));
        },
        (r) => ({
          id: r.id,
          requester_id: r.requesterId,
          state: r.state,
          break_glass: r.breakGlass,
          reason: r.reason,
          detail: r.detail,
          ticket: r.ticket,
          access: r.access,
          stores: r.storeIds,
          data_classes: r.dataClasses,
          requested_start: r.requestedStart.toISOString(),
          duration_minutes: r.durationMinutes,
          employer: r.employer,
          office_country: r.officeCountry,
          location_country: r.locationCountry,
          approvals_required: r.approvalsRequired,
          approvals: r.approvals.map((a) => ({
            approver_id: a.approverId,
            round: a.round,
            duration_minutes: a.durationMinutes,
            at: a.createdAt.toISOString(),
          })),
          created_at: r.createdAt.toISOString(),
          decided_at: iso(r.decidedAt),
          denied_by_id: r.deniedById,
          denial_reason: r.denialReason,
          withdrawn_at: iso(r.withdrawnAt),
          confirmed_by_id: r.confirmedById,
          reviewed_by_id: r.reviewedById,
          reviewed_at: iso(r.reviewedAt),
          review_rationale: r.reviewRationale,
        }),
      ),
  };
}

export function supportGrants({ db, tenantId, period }: PackageScope): PopulationSource {
  return {
    name: "support_grants",
    path: F.supportGrants,
    query: `Every grant of access to the tenant's data made in the period. SELECT * FROM support_grants WHERE tenant_id = '${tenantId}' AND created_at >= '${period.from.toISOString()}' AND created_at < '${period.to.toISOString()}' ORDER BY created_at, id`,
    lines: () =>
      pagedLines(
        (after) =>
          db.supportGrant.findMany({
            where: { tenantId, createdAt: { gte: period.from, lt: period.to } },
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
            take: PAGE,
            ...byId(after),
          }),
        (g) => ({
          id: g.id,
          request_id: g.requestId,
          requester_id: g.requesterId,
          not_before: g.notBefore.toISOString(),
          expires_at: g.expiresAt.toISOString(),
          approver_ids: g.approverIds,
          created_at: g.createdAt.toISOString(),
          revoked_at: iso(g.revokedAt),
          revoked_by_id: g.revokedById,
          revoke_reason: g.revokeReason,
        }),
      ),
  };
}

export function supportAccesses({ db, tenantId, period }: PackageScope): PopulationSource {
  return {
    name: "support_accesses",
    path: F.supportAccesses,
    query: `Every access to the tenant's data by provider staff that the data plane reported for the period, judged within or outside a grant. SELECT * FROM support_access_events WHERE tenant_id = '${tenantId}' AND time >= '${period.from.toISOString()}' AND time < '${period.to.toISOString()}' ORDER BY time, event_id`,
    lines: () =>
      pagedLines(
        (after) =>
          db.supportAccessEvent.findMany({
            where: { tenantId, time: { gte: period.from, lt: period.to } },
            orderBy: [{ time: "asc" }, { eventId: "asc" }],
            take: PAGE,
            ...((after ? { cursor: { tenantId_eventId: { tenantId, eventId: after } }, skip: 1 } : {}) as Cursor<{
              tenantId_eventId: { tenantId: string; eventId: string };
            }>),
          }),
        (e) => ({
          event_id: e.eventId,
          time: e.time.toISOString(),
          principal: e.principal,
          job_title: e.jobTitle,
          employer: e.employer,
          office_country: e.officeCountry,
          location_country: e.locationCountry,
          store: e.store,
          data_class: e.dataClass,
          operation: e.operation,
          method: e.method,
          reason: e.reason,
          grant_id: e.grantId,
          break_glass_id: e.breakGlassId,
          verdict: e.verdict,
          verdict_reason: e.verdictReason,
          received_at: e.receivedAt.toISOString(),
        }),
        (e) => e.eventId,
      ),
  };
}

/**
 * The people the other lists name by id: the tenant's members (ended engagements included) and
 * the provider's staff. E-mail addresses only for provider staff and auditors, as the audit log
 * shows them: people from outside the customer, whom an auditor needs to be able to reach.
 */
export function people({ db, tenantId }: PackageScope): PopulationSource {
  return {
    name: "people",
    path: F.people,
    query: `Every member of the tenant and every member of the provider's staff, named by the ids the other files use. SELECT u.*, m.role FROM users u LEFT JOIN memberships m ON m.user_id = u.id AND m.tenant_id = '${tenantId}' WHERE m.id IS NOT NULL OR u.provider_role IS NOT NULL ORDER BY u.id`,
    lines: () =>
      pagedLines(
        (after) =>
          db.user.findMany({
            where: { OR: [{ memberships: { some: { tenantId } } }, { providerRole: { not: null } }] },
            orderBy: { id: "asc" },
            take: PAGE,
            ...byId(after),
            select: {
              id: true,
              name: true,
              email: true,
              providerRole: true,
              employer: true,
              officeCountry: true,
              jobTitle: true,
              disabledAt: true,
              memberships: { where: { tenantId }, select: { role: true } },
            },
          }),
        (u) => {
          const role = u.memberships[0]?.role ?? null;
          const external = u.providerRole !== null || role === "auditor";
          return {
            id: u.id,
            name: u.name,
            email: external ? u.email : null,
            tenant_role: role,
            provider_role: u.providerRole,
            employer: u.employer,
            office_country: u.officeCountry,
            job_title: u.jobTitle,
            disabled: u.disabledAt !== null,
          };
        },
      ),
  };
}
