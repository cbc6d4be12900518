/**
 * The register's public side, no sign-in: the JSON (and CSV) list with its upcoming changes, the
 * signed snapshots and the region's trust.json. These answers carry no tenant, objection or
 * person: only what the provider publishes about its subprocessors. Pure, so route handlers, the
 * OpenAPI generator and tests share them.
 */
import { z } from "zod";
import { defineOperations, instant } from "@/platform/http/openapi-spec";
import { queryIndex, queryInstant } from "@/platform/schema/query";
import { tierSchema } from "@/platform/region/tier-schema";
import { CHANGE_KINDS, SUBPROCESSOR_STATUSES } from "@/modules/subprocessors/domain/model";
import { entryView, fieldDiffView } from "@/modules/subprocessors/api-schemas/register";
import { REPORT_PAYLOAD_TYPE } from "@/modules/lawful-access/domain/report";

/** The DSSE payload type of a signed snapshot: the bytes are the RFC 8785 form of `signedRegister`. */
export const SNAPSHOT_PAYLOAD_TYPE = "application/vnd.terrane.subprocessors+json";

/** A register entry as published: what the provider states, its status and since when. */
export const publicEntry = entryView;
export type PublicEntry = z.infer<typeof publicEntry>;

/** An announced change, inside its notice period: the entry as it will be, when, and what changes. */
export const upcomingChange = entryView.extend({
  change_id: z.string(),
  kind: z.enum(CHANGE_KINDS),
  kind_label: z.string(),
  /** The status the entry will have: active (added or changed) or retired. */
  status: z.enum(SUBPROCESSOR_STATUSES),
  /** When the change takes effect. */
  effective_at: instant,
  /** When a compliance officer announced it (the notice period started). */
  announced_at: instant.nullable(),
  /** The notice the region gave, in days. */
  notice_days: z.number().int().nullable(),
  /** Announced with a shorter notice than the region's, for an urgent replacement. */
  urgent: z.boolean(),
  /** Field by field, what the change does to the entry (everything, for a new subprocessor). */
  diff: z.array(fieldDiffView),
});
export type UpcomingChange = z.infer<typeof upcomingChange>;

/** Exactly what a snapshot signs (RFC 8785 bytes of it): the register as it stood, and which snapshot it is. */
export const signedRegister = z.strictObject({
  region: z.string(),
  generated_at: instant,
  subprocessors: z.array(publicEntry),
  upcoming: z.array(upcomingChange),
  snapshot: z.strictObject({
    seq: z.number().int(),
    reason: z.enum(["announced", "effective", "rejected", "withdrawn"]),
    change_id: z.string().nullable(),
    /** The snapshot before this one, so the published history is a chain nobody can rewrite unnoticed. */
    previous: z.strictObject({ seq: z.number().int(), sha256: z.string() }).nullable(),
  }),
});
export type SignedRegister = z.infer<typeof signedRegister>;

export const snapshotSummary = z.strictObject({
  seq: z.number().int(),
  taken_at: instant,
  reason: z.enum(["announced", "effective", "rejected", "withdrawn"]),
  change_id: z.string().nullable(),
  /** SHA-256 (hex) of the signed bytes: the envelope's payload, base64-decoded. */
  sha256: z.string(),
  /** The DSSE envelope. */
  url: z.string(),
});
export type SnapshotSummary = z.infer<typeof snapshotSummary>;

/** `GET /api/v1/subprocessors`: the register as published now. */
export const publicRegisterView = z.strictObject({
  region: z.string(),
  region_name: z.string(),
  jurisdiction: z.string(),
  generated_at: instant,
  subprocessors: z.array(publicEntry),
  upcoming: z.array(upcomingChange),
  /** The latest signed snapshot of this register; null before the first change. */
  snapshot: snapshotSummary.nullable(),
  links: z.strictObject({ trust_page: z.string(), csv: z.string(), atom: z.string(), snapshots: z.string() }),
});
export type PublicRegisterView = z.infer<typeof publicRegisterView>;

export const publicRegisterQuery = z.object({ format: z.enum(["json", "csv"]).default("json") });

export const SNAPSHOT_PAGE = { default: 100, max: 1000 } as const;

export const snapshotsQuery = z.object({
  /** The snapshot in force at this instant (the last one taken at or before it). */
  at: queryInstant.optional(),
  /** Only snapshots before this seq (the next page). */
  before: queryIndex.optional(),
  limit: queryIndex
    .pipe(z.number().min(1, "must be at least 1").max(SNAPSHOT_PAGE.max, `must be at most ${SNAPSHOT_PAGE.max}`))
    .optional(),
});

export const snapshotList = z.strictObject({
  region: z.string(),
  /** Newest first; with `at`, the one snapshot in force then. */
  snapshots: z.array(snapshotSummary),
  /** Pass as `before` for the next page; null on the last. */
  next_before: z.number().int().nullable(),
  payload_type: z.literal(SNAPSHOT_PAYLOAD_TYPE),
  /** The kid (in the region's JWKS) of the key that signs snapshots. */
  signing_kid: z.string(),
});

export const snapshotParams = z.object({ seq: queryIndex });

/** A snapshot's envelope, as DSSE spells it (camelCase `payloadType`: the OpenAPI document names it as JSON, not by this schema). */
export const dsseEnvelopeView = z.strictObject({
  payload: z.string(),
  payloadType: z.literal(SNAPSHOT_PAYLOAD_TYPE),
  signatures: z.array(z.strictObject({ keyid: z.string(), sig: z.string() })),
});

/** `GET /.well-known/trust.json`: where this region publishes what a customer checks. */
export const trustDocument = z.strictObject({
  region: z.strictObject({
    id: z.string(),
    name: z.string(),
    jurisdiction: z.string(),
    city: z.string(),
    country: z.string(),
    tiers: z.array(tierSchema),
    url: z.string(),
  }),
  trust_page: z.string(),
  openapi: z.string(),
  keys: z.strictObject({
    jwks: z.string(),
    /** The kid of the key that signs attestations, evidence manifests and subprocessor snapshots. */
    attestation_kid: z.string(),
  }),
  audit_log: z.strictObject({
    checkpoint: z.string(),
    /** The note verifier key of the region's log, as GET /api/v1/audit/key serves it. */
    verifier_key: z.string(),
    verifier_key_url: z.string(),
  }),
  subprocessors: z.strictObject({
    json: z.string(),
    csv: z.string(),
    atom: z.string(),
    snapshots: z.string(),
    snapshot_payload_type: z.literal(SNAPSHOT_PAYLOAD_TYPE),
  }),
  /** The region's signed lawful-access transparency reports (modules/lawful-access). */
  transparency_reports: z.strictObject({
    json: z.string(),
    /** The current version of the latest period; null before the first report. */
    latest: z.string().nullable(),
    payload_type: z.literal(REPORT_PAYLOAD_TYPE),
  }),
});
export type TrustDocument = z.infer<typeof trustDocument>;

export const publicOperations = defineOperations("subprocessors", {
  "GET /api/v1/subprocessors": {
    summary:
      "Public: the region's subprocessors in force and every announced change with its effective date and diff; `?format=csv` for a spreadsheet.",
    auth: "none",
    query: publicRegisterQuery,
    responses: {
      200: [
        publicRegisterView,
        {
          contentType: "text/csv",
          description:
            "`?format=csv`: a header row, then one row per subprocessor in force (`record` = `current`) and per announced change (`record` = `upcoming`); list cells hold one item per line.",
        },
      ],
    },
  },
  "GET /api/v1/subprocessors/snapshots": {
    summary:
      "Public: the register's signed snapshots, newest first (one per announced, effective, withdrawn change); `?at=` the one in force at an instant.",
    auth: "none",
    query: snapshotsQuery,
    responses: { 200: snapshotList },
  },
  "GET /api/v1/subprocessors/snapshots/{seq}": {
    summary: `Public: one snapshot as its DSSE envelope (payload type ${SNAPSHOT_PAYLOAD_TYPE}, signed by the region's attestation key).`,
    auth: "none",
    params: snapshotParams,
    responses: {
      200: {
        contentType: "application/json",
        description: `The DSSE envelope {payload, payloadType, signatures: [{keyid, sig}]}; the payload is the RFC 8785 register (payload type ${SNAPSHOT_PAYLOAD_TYPE}).`,
      },
    },
  },
  "GET /api/v1/trust": {
    summary:
      "Public: the region's trust.json (also at /.well-known/trust.json): its keys, checkpoint, feeds and pages.",
    auth: "none",
    responses: { 200: trustDocument },
  },
});
