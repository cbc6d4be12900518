/**
 * The attestations module's API contract: issuing a residency attestation for a period, the
 * tenant's list, one signed envelope, and the predicate's JSON Schema. Pure, so route handlers
 * and the OpenAPI generator share them.
 */
import { z } from "zod";
import { safeText } from "@/platform/schema/safe-text";
import { defineOperations, instant } from "@/platform/http/openapi-spec";
import { tenantParams } from "@/platform/http/params";

/** A date (YYYY-MM-DD, midnight UTC) or an RFC 3339 instant; the period rules are checked after. */
const bound = safeText().trim().min(10).max(40);

export const issueAttestationBody = z.strictObject({
  from: bound.describe("the period's start: YYYY-MM-DD (midnight UTC) or an RFC 3339 instant"),
  to: bound.describe("the period's end, exclusive; it must have passed, at most a year after from"),
});

export const attestationParams = tenantParams.extend({ attestation: z.uuid() });

export const indexQuery = z.strictObject({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000_000)
    .optional()
    .describe("an older version; default the newest"),
});

const sha256Digest = z.string().regex(/^sha256:[0-9a-f]{64}$/);

export const attestationSummary = z.strictObject({
  id: z.uuid(),
  from: instant,
  to: instant,
  period: z.string().describe('"2026-11", "2026-Q3", or "<from>..<to>"'),
  kind: z.enum(["month", "quarter", "range"]),
  state: z
    .enum(["issued", "awaiting_review", "published", "rejected"])
    .describe(
      'months and ranges are "issued"; a quarter is "awaiting_review" until a compliance officer publishes or rejects it',
    ),
  result: z.enum(["PASSED", "FAILED"]),
  digest: sha256Digest.describe("SHA-256 of the envelope exactly as GET …/attestations/{id} serves it"),
  subject_digest: sha256Digest.describe("the statement's subject: SHA-256 of the predicate's RFC 8785 form"),
  kid: z.string().describe("the signing key's kid in /.well-known/jwks.json"),
  issued_at: instant,
  issued_by: z.strictObject({
    type: z.enum(["user", "system"]),
    id: z.string().nullable(),
    name: z.string().nullable(),
  }),
  review: z
    .strictObject({ by: z.strictObject({ id: z.string(), name: z.string() }), at: instant, note: z.string() })
    .nullable()
    .describe("the compliance officer's review of a quarterly draft"),
  allowed_actions: z.array(z.enum(["attestations.review"])).describe("what the caller may do with this one"),
  verification: z
    .strictObject({
      ok: z.boolean().describe("every check below passed"),
      signature: z.boolean().describe("the region's signature verifies with the key /.well-known/jwks.json publishes"),
      digest: z.boolean().describe("the envelope's SHA-256 is the digest recorded at issue"),
      subject: z.boolean().describe("the subject is the digest of the facts carried"),
      in_index: z.boolean().describe("the tenant's newest signed index lists this digest"),
      checked_at: instant,
    })
    .optional()
    .describe("in lists: what terrane verify would say, checked again on this read"),
});

export const reviewAttestationBody = z.strictObject({
  decision: z.enum(["publish", "reject"]),
  note: safeText().trim().min(3).max(2000).describe("what was checked, or why it is rejected"),
});

export const attestationList = z.strictObject({
  attestations: z.array(attestationSummary),
  allowed_actions: z.array(z.enum(["attestations.issue"])),
});

const T = "/api/v1/tenants/{tenant}/attestations";

export const attestationsOperations = defineOperations("attestations", {
  [`POST ${T}`]: {
    summary: "Issue a residency attestation for a period that has ended (customer admins, compliance officers).",
    auth: "required",
    params: tenantParams,
    body: issueAttestationBody,
    responses: { 201: attestationSummary },
  },
  [`GET ${T}`]: {
    summary: "The tenant's attestations, newest period first.",
    auth: "required",
    params: tenantParams,
    responses: { 200: attestationList },
  },
  [`GET ${T}/{attestation}`]: {
    summary: "The signed DSSE envelope of an in-toto Statement v1, byte for byte as digested.",
    auth: "required",
    params: attestationParams,
    responses: {
      200: { contentType: "application/json", description: "The DSSE envelope (RFC 8785 JSON)." },
    },
  },
  [`GET ${T}/{attestation}/pdf`]: {
    summary:
      "The attestation as a readable PDF; an auditor's copy carries their name, e-mail, the time and a download id on every page.",
    auth: "required",
    params: attestationParams,
    responses: {
      200: {
        contentType: "application/pdf",
        description: "The PDF (Content-Digest and X-Terrane-Download-Id say which copy).",
      },
    },
  },
  [`GET ${T}/index`]: {
    summary:
      "The tenant's signed attestation index: an in-toto statement listing every attestation's envelope digest and state, chained to the previous version.",
    auth: "required",
    params: tenantParams,
    query: indexQuery,
    responses: {
      200: { contentType: "application/json", description: "The DSSE envelope of the index (RFC 8785 JSON)." },
    },
  },
  [`POST ${T}/{attestation}/review`]: {
    summary:
      "Publish or reject a quarterly draft, with a note (region compliance officers; never the one who asked for it).",
    auth: "required",
    params: attestationParams,
    body: reviewAttestationBody,
    responses: { 200: attestationSummary },
  },
  ["GET /api/v1/schemas/attestation/residency/v1"]: {
    summary: "The JSON Schema of the residency predicate v1 (also at /schemas/attestation/residency/v1.json).",
    auth: "none",
    responses: { 200: z.record(z.string(), z.unknown()) },
  },
});
