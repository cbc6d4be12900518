import "server-only";
import { openReviewItem } from "@/modules/reviews/server/items";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import type { PrismaClient } from "@/platform/db/transaction";
import { env } from "@/platform/env";
import { BadRequestError, TerraneError } from "@/platform/errors";
import { canonicalJsonBytes } from "@/modules/audit/domain/canonical-json";
import type { Actor as AuditActor } from "@/platform/auth/actor";
import { appendAudit } from "@/modules/audit/server/append";
import { integratePending } from "@/modules/audit/server/integrator";
import { IN_TOTO_PAYLOAD_TYPE, signEnvelope } from "@/modules/attestations/domain/dsse";
import {
  calendarQuarter,
  parsePeriod,
  PeriodError,
  periodKind,
  periodName,
  type Period,
} from "@/modules/attestations/domain/period";
import { RESIDENCY_PREDICATE_TYPE } from "@/modules/attestations/domain/predicate";
import { sha256Hex, statementAbout, statementBytes } from "@/modules/attestations/domain/statement";
import { buildResidencyPredicate } from "@/modules/attestations/server/build-predicate";
import { LogNotCoveringError } from "@/modules/attestations/server/log-facts";
import { attestationSigner } from "@/modules/attestations/server/sign";
import { writeAttestationIndex } from "@/modules/attestations/server/index-log";
import { attestationSummary, type AttestationSummary } from "@/modules/attestations/server/reads";

export interface Issuer {
  actor: AuditActor;
  type: "user" | "system";
  id: string | null;
}

/**
 * Issues one attestation: the predicate read in one transaction, signed as an in-toto statement
 * in a DSSE envelope, stored with the digest of the envelope as served, and audited with that
 * digest — all in the same commit. A signing key that cannot be opened issues nothing (and the
 * refusal is audited on its own).
 */
export async function issueAttestation(
  db: PrismaClient,
  input: { tenantId: string; tenantSlug: string; period: Period; issuer: Issuer },
): Promise<AttestationSummary> {
  let signer;
  try {
    signer = await attestationSigner();
  } catch (err) {
    await db.$transaction((tx) =>
      appendAudit(tx, {
        actor: input.issuer.actor,
        tenantId: input.tenantId,
        action: "attestation.refused",
        subject: `tenant:${input.tenantId}`,
        outcome: "failure",
        details: { period: periodName(input.period), reason: "signing_key_unavailable" },
      }),
    );
    throw err;
  }
  // Entries written before the period's end must be in the log's tree before a checkpoint can
  // cover them; a running instance integrates within a second, this makes it certain.
  await integratePending();
  const region = env().REGION;
  return db.$transaction(async (tx) => {
    const now = await databaseNow(tx);
    const predicate = await buildResidencyPredicate(tx, {
      tenantId: input.tenantId,
      period: input.period,
      region,
      verifiedAt: now,
    }).catch((err: unknown) => {
      if (err instanceof LogNotCoveringError) throw new TerraneError(409, "log_not_covering", "Conflict", err.message);
      throw err;
    });
    const name = `${input.tenantSlug}/${periodName(input.period)}`;
    const statement = statementAbout(name, RESIDENCY_PREDICATE_TYPE, predicate);
    const envelope = await signEnvelope(IN_TOTO_PAYLOAD_TYPE, statementBytes(statement), signer);
    const envelopeSha256 = sha256Hex(canonicalJsonBytes(envelope));
    // A quarter's attestation is a draft until a compliance officer reviews it (four eyes).
    const draft = periodKind(input.period) === "quarter";
    const row = await tx.attestation.create({
      data: {
        tenantId: input.tenantId,
        periodFrom: input.period.from,
        periodTo: input.period.to,
        periodName: periodName(input.period),
        kind: periodKind(input.period),
        state: draft ? "awaiting_review" : "issued",
        result: predicate.verification.result,
        subjectSha256: statement.subject[0]!.digest.sha256!,
        envelopeSha256,
        envelope,
        kid: signer.keyid,
        issuedByType: input.issuer.type,
        issuedById: input.issuer.id,
        issuedAt: now,
      },
    });
    const index = await writeAttestationIndex(tx, { id: input.tenantId, slug: input.tenantSlug }, signer);
    await appendAudit(tx, {
      actor: input.issuer.actor,
      tenantId: input.tenantId,
      action: draft ? "attestation.drafted" : "attestation.issued",
      subject: `attestation:${row.id}`,
      outcome: "success",
      details: {
        period: row.periodName,
        from: predicate.period.from,
        to: predicate.period.to,
        envelope_sha256: envelopeSha256,
        subject_sha256: row.subjectSha256,
        result: row.result,
        kid: signer.keyid,
        index_version: index.version,
        index_sha256: index.sha256,
      },
    });
    if (draft)
      await openReviewItem(tx, {
        kind: "attestation",
        tenantId: input.tenantId,
        sourceId: row.id,
        title: `Quarterly attestation ${row.periodName} for ${input.tenantSlug} (${row.result})`,
        authorId: input.issuer.id,
      });
    return attestationSummary(tx, row);
  });
}

/** On demand, by a customer admin or a compliance officer: `{from, to}` of a period that has ended. */
export function issueAttestationOnDemand(
  actor: Actor,
  tenantSlug: string,
  body: { from: string; to: string },
  request: RequestOrigin,
): Promise<AttestationSummary> {
  return withTenant(actor, tenantSlug, "attestations.issue", request, async (scope) => {
    let period: Period;
    try {
      period = parsePeriod(body, await databaseNow(scope.db));
    } catch (err) {
      if (err instanceof PeriodError) throw new BadRequestError(err.message, err.code);
      throw err;
    }
    return issueAttestation(scope.db, {
      tenantId: scope.tenant.id,
      tenantSlug: scope.tenant.slug,
      period,
      issuer: { actor: scope.actor, type: "user", id: scope.actor.userId },
    });
  });
}

/**
 * The monthly run: the last month's attestation for a tenant, unless the system issued it
 * already; when that month closes a quarter, the quarter's draft for review too.
 */
export async function issueMonthlyAttestation(tenantId: string, period: Period): Promise<boolean> {
  const month = await issueSystemAttestation(tenantId, period);
  const quarter = quarterEndingWith(period);
  const drafted = quarter ? await issueSystemAttestation(tenantId, quarter) : false;
  return month || drafted;
}

/** The calendar quarter whose last month is `month`, if it is one. */
function quarterEndingWith(month: Period): Period | null {
  const m = month.from.getUTCMonth();
  if (m % 3 !== 2) return null;
  return calendarQuarter(month.from.getUTCFullYear(), ((m + 1) / 3) as 1 | 2 | 3 | 4);
}

async function issueSystemAttestation(tenantId: string, period: Period): Promise<boolean> {
  const db = await prisma();
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { slug: true } });
  if (!tenant) return false;
  const done = await db.attestation.count({
    where: { tenantId, periodFrom: period.from, periodTo: period.to, issuedByType: "system" },
  });
  if (done > 0) return false;
  await issueAttestation(db, {
    tenantId,
    tenantSlug: tenant.slug,
    period,
    issuer: { actor: { type: "system", name: "attestation-issuer" }, type: "system", id: null },
  });
  return true;
}
