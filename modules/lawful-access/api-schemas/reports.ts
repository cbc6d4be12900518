/**
 * The region's transparency reports: issued by a compliance officer per period, signed (DSSE over
 * the report's RFC 8785 bytes, by the region's attestation key), public with their history. Pure.
 */
import { z } from "zod";
import { safeText } from "@/platform/schema/safe-text";
import { defineOperations, instant } from "@/platform/http/openapi-spec";
import { DISPOSITIONS, NOTIFICATION_STATES, PERIOD_PATTERN, REQUEST_KINDS } from "@/modules/lawful-access/domain/model";
import { REPORT_PAYLOAD_TYPE, REPORT_TYPE } from "@/modules/lawful-access/domain/report";

export const periodLabel = safeText().regex(
  PERIOD_PATTERN,
  "must be a half-year such as 2026-H1 or a quarter such as 2026-Q3",
);

export const issueBody = z.strictObject({ period: periodLabel });
/** A report's id, or a period label (its current version). */
export const reportParams = z.object({ report: safeText().max(64) });

const counts = <K extends string>(keys: readonly [K, ...K[]]) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, z.number().int().min(0)])) as Record<K, z.ZodNumber>);

export const reportDocumentSchema = z.strictObject({
  type: z.literal(REPORT_TYPE),
  region: z.string(),
  period: z.strictObject({ label: z.string(), start: instant, end: instant }),
  version: z.number().int().min(1),
  supersedes: z.strictObject({ id: z.string(), sha256: z.string() }).nullable(),
  issued_at: instant,
  counts: z.strictObject({
    total: z.number().int().min(0),
    by_kind: counts(REQUEST_KINDS),
    by_disposition: counts(DISPOSITIONS),
    by_notification: counts(NOTIFICATION_STATES),
  }),
});

export const reportEnvelope = z.strictObject({
  payload: z.string(),
  payloadType: z.literal(REPORT_PAYLOAD_TYPE),
  signatures: z.array(z.strictObject({ keyid: z.string(), sig: z.string() })),
});

export const reportView = z.object({
  id: z.string(),
  region: z.string(),
  period: z.string(),
  version: z.number().int(),
  /** The newest version of its period. */
  current: z.boolean(),
  superseded_by: z.string().nullable(),
  issued_at: instant,
  /** SHA-256 (hex) of the signed bytes (the envelope's payload, decoded). */
  sha256: z.string(),
  report: reportDocumentSchema,
  /** DSSE's own field names (payloadType), so described rather than spelled out: the API's keys stay snake_case. */
  envelope: z
    .record(z.string(), z.unknown())
    .describe(
      `The DSSE envelope {payload, payloadType, signatures: [{keyid, sig}]}: the payload is the report's RFC 8785 bytes (payload type ${REPORT_PAYLOAD_TYPE}), signed by the region's attestation key (its kid in /.well-known/jwks.json).`,
    ),
  url: z.string(),
});
export type ReportEnvelope = z.infer<typeof reportEnvelope>;
export type ReportView = Omit<z.infer<typeof reportView>, "envelope"> & { envelope: ReportEnvelope };

export const reportList = z.object({
  region: z.string(),
  /** Newest period first; in a period, newest version first. */
  reports: z.array(reportView),
});
export type ReportList = { region: string; reports: ReportView[] };

export const reportOperations = defineOperations("lawful-access", {
  ["POST /api/v1/region/transparency-reports"]: {
    summary:
      "A compliance officer issues the region's signed transparency report of a period that has ended; re-issuing a period adds a version that supersedes the previous one.",
    auth: "required",
    body: issueBody,
    responses: { 201: reportView },
  },
  ["GET /api/v1/transparency-reports"]: {
    summary:
      "Public: every transparency report of the region with its history, each a DSSE envelope signed by the region's attestation key.",
    auth: "none",
    responses: { 200: reportList },
  },
  ["GET /api/v1/transparency-reports/{report}"]: {
    summary: "Public: one transparency report, by id or by period (its current version).",
    auth: "none",
    params: reportParams,
    responses: { 200: reportView },
  },
});
