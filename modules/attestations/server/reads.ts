import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin, type TenantScope } from "@/platform/access/with-tenant";
import type { PrismaClient, Tx } from "@/platform/db/transaction";
import { NotFoundError } from "@/platform/errors";
import type { z } from "zod";
import { randomUUID } from "node:crypto";
import { canonicalJsonBytes } from "@/modules/audit/domain/canonical-json";
import { databaseNow } from "@/platform/db/db-time";
import { dsseEnvelopeSchema } from "@/modules/attestations/domain/dsse";
import { residencyPredicateSchema } from "@/modules/attestations/domain/predicate";
import { sha256Hex, statementSchema } from "@/modules/attestations/domain/statement";
import { renderAttestationPdf } from "@/modules/attestations/server/pdf";
import { draftResource } from "@/modules/attestations/server/draft";
import { authorize } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import { attestationSummary as summarySchema } from "@/modules/attestations/api-schemas";
import { periodInScope } from "@/modules/evidence/domain/engagement";
import { recordEvidenceRead } from "@/modules/evidence/server/activity";
import { recordDeniedChange } from "@/modules/audit/server/denied-access";
import { checkStoredAttestations, type OnlineCheck } from "@/modules/attestations/server/online-check";

type Row = {
  id: string;
  tenantId: string;
  periodFrom: Date;
  periodTo: Date;
  periodName: string;
  kind: string;
  state: string;
  result: string;
  subjectSha256: string;
  envelopeSha256: string;
  kid: string;
  issuedByType: string;
  issuedById: string | null;
  issuedAt: Date;
  reviewedById: string | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
};

type RowAction = AttestationSummary["allowed_actions"][number];

export type AttestationSummary = z.infer<typeof summarySchema>;

const summarySelect = {
  id: true,
  tenantId: true,
  periodFrom: true,
  periodTo: true,
  periodName: true,
  kind: true,
  state: true,
  result: true,
  subjectSha256: true,
  envelopeSha256: true,
  kid: true,
  issuedByType: true,
  issuedById: true,
  issuedAt: true,
  reviewedById: true,
  reviewedAt: true,
  reviewNote: true,
} as const;

async function namesOf(db: PrismaClient | Tx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

/** The API's view of a row, parsed with the response schema (the row's strings are the schema's enums). */
function summaryOf(
  row: Row,
  names: Map<string, string>,
  allowed: RowAction[] = [],
  verification?: OnlineCheck,
): AttestationSummary {
  return summarySchema.parse({
    id: row.id,
    from: row.periodFrom.toISOString(),
    to: row.periodTo.toISOString(),
    period: row.periodName,
    kind: row.kind,
    state: row.state,
    result: row.result,
    digest: `sha256:${row.envelopeSha256}`,
    subject_digest: `sha256:${row.subjectSha256}`,
    kid: row.kid,
    issued_at: row.issuedAt.toISOString(),
    issued_by: {
      type: row.issuedByType,
      id: row.issuedById,
      // The system issues the monthly ones; people are shown by name.
      name: row.issuedById ? (names.get(row.issuedById) ?? null) : "Terrane (monthly)",
    },
    review:
      row.reviewedById && row.reviewedAt
        ? {
            by: { id: row.reviewedById, name: names.get(row.reviewedById) ?? "(account removed)" },
            at: row.reviewedAt.toISOString(),
            note: row.reviewNote ?? "",
          }
        : null,
    allowed_actions: allowed,
    ...(verification ? { verification } : {}),
  });
}

export async function attestationSummary(db: PrismaClient | Tx, row: Row): Promise<AttestationSummary> {
  return summaryOf(row, await namesOf(db, [row.issuedById, row.reviewedById]));
}

/** Statements an auditor may see: issued ones, and quarterly ones once published. */
const SHOWN_TO_AUDITORS = ["issued", "published"];

/** What an auditor may list: issued and published attestations of the engagement's periods. */
function auditorsView(scope: TenantScope) {
  if (!scope.auditor) return {};
  return {
    state: { in: SHOWN_TO_AUDITORS },
    ...(scope.auditor.scopeFrom ? { periodFrom: { gte: scope.auditor.scopeFrom } } : {}),
    ...(scope.auditor.scopeTo ? { periodTo: { lte: scope.auditor.scopeTo } } : {}),
  };
}

/** Every attestation of the tenant (an auditor's: of the engagement's periods), newest period first. */
export function listAttestations(actor: Actor, tenantSlug: string, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, "attestations.read", request, async (scope) => {
    const rows = await scope.db.attestation.findMany({
      where: { tenantId: scope.tenant.id, ...auditorsView(scope) },
      orderBy: [{ periodFrom: "desc" }, { issuedAt: "desc" }],
      select: { ...summarySelect, envelope: true },
    });
    const checks = await checkStoredAttestations(scope.db, scope.tenant.id, rows, await databaseNow(scope.db));
    if (scope.auditor)
      await scope.db.$transaction((tx) =>
        recordEvidenceRead(tx, scope.actor, {
          tenantId: scope.tenant.id,
          userId: scope.actor.userId,
          kind: "attestations.viewed",
          subject: "attestations",
          ip: request.ip ?? "unknown",
        }),
      );
    const names = await namesOf(
      scope.db,
      rows.flatMap((r) => [r.issuedById, r.reviewedById]),
    );
    const principal = policyPrincipal(scope.actor, scope.role, scope.auditor ?? undefined);
    const reviewable = (r: Row): RowAction[] =>
      r.state === "awaiting_review" && authorize(principal, "attestations.review", draftResource(r)).allowed
        ? ["attestations.review"]
        : [];
    return {
      attestations: rows.map((r) => summaryOf(r, names, reviewable(r), checks.get(r.id))),
      allowed_actions: scope.allowed(["attestations.issue"] as const),
    };
  });
}

/**
 * One attestation the caller may read: an auditor's outside the engagement's periods is "not
 * found", and the attempt is recorded for the tenant's admins.
 */
export async function readableAttestation(scope: TenantScope, id: string, request: RequestOrigin) {
  const row = await scope.db.attestation.findFirst({
    where: { id, tenantId: scope.tenant.id },
    select: {
      envelope: true,
      envelopeSha256: true,
      subjectSha256: true,
      periodName: true,
      periodFrom: true,
      periodTo: true,
      kid: true,
      state: true,
      issuedAt: true,
    },
  });
  const auditor = scope.auditor;
  // Drafts and rejected ones are the tenant's and compliance's business, not an auditor's.
  const unseen = (r: { state: string }) => !SHOWN_TO_AUDITORS.includes(r.state);
  if (
    row &&
    auditor &&
    (unseen(row) ||
      !periodInScope({ from: row.periodFrom, to: row.periodTo }, { from: auditor.scopeFrom, to: auditor.scopeTo }))
  ) {
    await recordDeniedChange(scope.db, scope.actor, {
      tenantId: scope.tenant.id,
      action: "attestations.read",
      status: 404,
      request,
    });
    throw new NotFoundError("This tenant has no such attestation.", "attestation_not_found");
  }
  if (!row) throw new NotFoundError("This tenant has no such attestation.", "attestation_not_found");
  return row;
}

/** The DSSE envelope exactly as signed and digested: its RFC 8785 bytes; the download is recorded. */
export function attestationEnvelope(actor: Actor, tenantSlug: string, id: string, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, "attestations.read", request, async (scope) => {
    const row = await readableAttestation(scope, id, request);
    await scope.db.$transaction((tx) =>
      recordEvidenceRead(tx, scope.actor, {
        tenantId: scope.tenant.id,
        userId: scope.actor.userId,
        kind: "attestation.downloaded",
        subject: `attestation:${id}`,
        sha256: row.envelopeSha256,
        ip: request.ip ?? "unknown",
      }),
    );
    return {
      bytes: canonicalJsonBytes(row.envelope),
      sha256: row.envelopeSha256,
      fileName: `${scope.tenant.slug}-${row.periodName.replaceAll(":", "")}.intoto.json`,
    };
  });
}

/**
 * The readable PDF of an attestation. An auditor's copy carries their name, e-mail, the time and a
 * download id on every page; the download is recorded with the digest of the bytes served.
 */
export function attestationPdf(actor: Actor, tenantSlug: string, id: string, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, "attestations.read", request, async (scope) => {
    const row = await readableAttestation(scope, id, request);
    const envelope = dsseEnvelopeSchema.parse(row.envelope);
    const statement = statementSchema.parse(JSON.parse(Buffer.from(envelope.payload, "base64").toString("utf8")));
    const downloadId = randomUUID();
    const at = await databaseNow(scope.db);
    const bytes = await renderAttestationPdf({
      predicate: residencyPredicateSchema.parse(statement.predicate),
      envelopeSha256: row.envelopeSha256,
      subjectSha256: row.subjectSha256,
      kid: row.kid,
      periodName: row.periodName,
      issuedAt: row.issuedAt,
      state: row.state,
      ...(scope.auditor ? { watermark: { name: scope.actor.name, email: scope.actor.email, at, downloadId } } : {}),
    });
    const sha256 = sha256Hex(bytes);
    await scope.db.$transaction((tx) =>
      recordEvidenceRead(tx, scope.actor, {
        tenantId: scope.tenant.id,
        userId: scope.actor.userId,
        kind: "attestation.pdf_downloaded",
        subject: `attestation:${id}`,
        sha256,
        downloadId,
        ip: request.ip ?? "unknown",
      }),
    );
    return {
      bytes,
      sha256,
      downloadId,
      fileName: `${scope.tenant.slug}-${row.periodName.replaceAll(":", "")}.pdf`,
    };
  });
}

/** The tenant's signed attestation index: the newest version, or `version`. */
export function attestationIndex(
  actor: Actor,
  tenantSlug: string,
  version: number | undefined,
  request: RequestOrigin,
) {
  return withTenant(actor, tenantSlug, "attestations.read", request, async (scope) => {
    const row = await scope.db.attestationIndex.findFirst({
      where: { tenantId: scope.tenant.id, ...(version ? { version } : {}) },
      orderBy: { version: "desc" },
      select: { envelope: true, envelopeSha256: true, version: true },
    });
    if (!row)
      throw new NotFoundError(
        version ? `The index has no version ${version}.` : "No attestation has been issued for this tenant yet.",
        "index_not_found",
      );
    return {
      bytes: canonicalJsonBytes(row.envelope),
      sha256: row.envelopeSha256,
      version: row.version,
      fileName: `${scope.tenant.slug}-attestation-index-v${row.version}.intoto.json`,
    };
  });
}
