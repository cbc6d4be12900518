import "server-only";
import { createHash } from "node:crypto";
import type { Actor } from "@/platform/auth/actor";
import { withRegion } from "@/platform/access/with-region";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import type { PrismaClient } from "@/platform/db/transaction";
import { BadRequestError, NotFoundError } from "@/platform/errors";
import { currentRegion } from "@/platform/region/registry";
import { canonicalJsonBytes } from "@/modules/audit/domain/canonical-json";
import { appendAudit } from "@/modules/audit/server/append";
import { signEnvelope, type DsseEnvelope } from "@/modules/attestations/domain/dsse";
import { attestationSigner } from "@/modules/attestations/server/sign";
import type { ReportList, ReportView } from "@/modules/lawful-access/api-schemas/reports";
import { parsePeriod, periodEnded, type Disposition, type RequestKind } from "@/modules/lawful-access/domain/model";
import {
  countRequests,
  reportDocument,
  REPORT_PAYLOAD_TYPE,
  type TransparencyReportDocument,
} from "@/modules/lawful-access/domain/report";

/** One issue at a time per database: versions of a period are numbered in order. */
const REPORT_LOCK = 72_707_415;

type ReportRow = {
  id: string;
  region: string;
  period: string;
  version: number;
  issuedAt: Date;
  sha256: string;
  envelope: unknown;
};

export function reportUrl(id: string): string {
  return `${currentRegion().url}/api/v1/transparency-reports/${id}`;
}

function documentOf(envelope: DsseEnvelope): TransparencyReportDocument {
  return JSON.parse(Buffer.from(envelope.payload, "base64").toString("utf8")) as TransparencyReportDocument;
}

function viewOf(row: ReportRow, supersededBy: string | null): ReportView {
  const envelope = row.envelope as DsseEnvelope;
  return {
    id: row.id,
    region: row.region,
    period: row.period,
    version: row.version,
    current: supersededBy === null,
    superseded_by: supersededBy,
    issued_at: row.issuedAt.toISOString(),
    sha256: row.sha256,
    report: documentOf(envelope),
    envelope: { payload: envelope.payload, payloadType: REPORT_PAYLOAD_TYPE, signatures: envelope.signatures },
    url: reportUrl(row.id),
  };
}

/** Views of `rows` (one region's), each knowing the version that superseded it. */
function views(rows: readonly ReportRow[]): ReportView[] {
  return rows.map((row) => {
    const next = rows.find((r) => r.period === row.period && r.version === row.version + 1);
    return viewOf(row, next?.id ?? null);
  });
}

/**
 * `POST /api/v1/region/transparency-reports` `{period}`: counts the requests received in the
 * period (by kind, disposition and notification state as of now), and signs the counts: the RFC
 * 8785 bytes of the report in a DSSE envelope by the region's attestation key, the same key and
 * code as the subprocessor snapshots and attestations. A period not yet over is a 400
 * `period_not_ended`, nothing written. Re-issuing a period adds the next version, naming the one
 * it supersedes (its id and digest), so the history is a chain anyone can check.
 */
export function issueReport(actor: Actor, body: { period: string }): Promise<ReportView> {
  return withRegion(actor, "region.lawful_access.manage", async ({ actor, region }) => {
    const period = parsePeriod(body.period);
    if (!period)
      throw new BadRequestError(
        `${body.period} is not a half-year (2026-H1) or a quarter (2026-Q3).`,
        "invalid_period",
      );
    const db = await prisma();
    // Refused before the signing key is opened (its first use creates it, with an audit entry of its own).
    if (!periodEnded(period, await databaseNow(db)))
      throw new BadRequestError(
        `${period.label} ends on ${period.end.toISOString()}: a period's report is issued once the period is over.`,
        "period_not_ended",
      );
    const signer = await attestationSigner();
    const row = await db.$transaction(async (tx) => {
      const now = await databaseNow(tx);
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REPORT_LOCK}::bigint)`;
      const previous = await tx.transparencyReport.findFirst({
        where: { region: region.id, period: period.label },
        orderBy: { version: "desc" },
        select: { id: true, version: true, sha256: true },
      });
      const requests = await tx.lawfulAccessRequest.findMany({
        where: { region: region.id, receivedAt: { gte: period.start, lt: period.end } },
        select: { kind: true, disposition: true, notifiedAt: true, prohibitionBasis: true, prohibitionUntil: true },
      });
      const counts = countRequests(
        requests.map((r) => ({ ...r, kind: r.kind as RequestKind, disposition: r.disposition as Disposition })),
        now,
      );
      const version = (previous?.version ?? 0) + 1;
      const document = reportDocument({
        region: region.id,
        period,
        version,
        supersedes: previous ? { id: previous.id, sha256: previous.sha256 } : null,
        issuedAt: now,
        counts,
      });
      const bytes = canonicalJsonBytes(document);
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const envelope = await signEnvelope(REPORT_PAYLOAD_TYPE, bytes, signer);
      const created = await tx.transparencyReport.create({
        data: {
          region: region.id,
          period: period.label,
          version,
          periodStart: period.start,
          periodEnd: period.end,
          issuedAt: now,
          issuedById: actor.userId,
          sha256,
          envelope,
        },
      });
      await appendAudit(tx, {
        actor,
        action: "lawful_access.report_issued",
        subject: `transparency_report:${created.id}`,
        outcome: "success",
        details: {
          period: period.label,
          version,
          sha256,
          supersedes: previous?.id ?? null,
          total: counts.total,
        },
      });
      return created;
    });
    return viewOf(row, null);
  });
}

const SELECT = {
  id: true,
  region: true,
  period: true,
  version: true,
  issuedAt: true,
  sha256: true,
  envelope: true,
} as const;

/** Public: every report of the region, newest period first, newest version first in a period. */
export async function listReports(db: PrismaClient): Promise<ReportList> {
  const region = currentRegion().id;
  const rows = await db.transparencyReport.findMany({
    where: { region },
    orderBy: [{ periodEnd: "desc" }, { periodStart: "desc" }, { version: "desc" }],
    select: SELECT,
  });
  return { region, reports: views(rows) };
}

/** Public: one report, by id or by period label (its current version). */
export async function readReport(db: PrismaClient, ref: string): Promise<ReportView> {
  const region = currentRegion().id;
  const byPeriod = parsePeriod(ref) !== null;
  const row = await db.transparencyReport.findFirst({
    where: byPeriod ? { region, period: ref } : { region, id: ref },
    orderBy: { version: "desc" },
    select: SELECT,
  });
  if (!row)
    throw new NotFoundError(
      byPeriod ? `No transparency report of ${ref} has been issued.` : `No transparency report ${ref}.`,
      "report_not_found",
    );
  const next = await db.transparencyReport.findFirst({
    where: { region, period: row.period, version: row.version + 1 },
    select: { id: true },
  });
  return viewOf(row, next?.id ?? null);
}

/** The current version of the latest period, for the trust page and trust.json; null before the first. */
export async function latestReport(db: PrismaClient): Promise<ReportView | null> {
  const region = currentRegion().id;
  const row = await db.transparencyReport.findFirst({
    where: { region },
    orderBy: [{ periodEnd: "desc" }, { periodStart: "desc" }, { version: "desc" }],
    select: SELECT,
  });
  return row ? viewOf(row, null) : null;
}
