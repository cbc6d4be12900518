/**
 * The evidence module's API contract: auditor engagements (invite, list, revoke, requests for
 * more access), the tenant's NDA (read, set, accept) and who viewed and downloaded what. Pure, so
 * route handlers and the OpenAPI generator share them.
 */
import { z } from "zod";
import { safeText } from "@/platform/schema/safe-text";
import { defineOperations, instant } from "@/platform/http/openapi-spec";
import { tenantParams } from "@/platform/http/params";
import { MAX_NDA_CHARS } from "@/modules/evidence/domain/nda";

const bound = safeText().trim().min(10).max(40);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "a SHA-256 as 64 lowercase hex digits");

export const inviteAuditorBody = z.strictObject({
  email: z.email().max(254).describe("the auditor's work e-mail; they sign in with it on this instance"),
  name: safeText()
    .trim()
    .min(1)
    .max(120)
    .optional()
    .describe("shown everywhere the auditor appears; default: the e-mail's local part"),
  expires_at: instant.describe("when access ends: at most 90 days after the invitation"),
  scope: z.strictObject({
    access: z
      .enum(["attestations", "evidence"])
      .describe('"attestations": the signed statements only; "evidence": full evidence'),
    from: bound.describe("first day of the periods the auditor may read: YYYY-MM-DD or an RFC 3339 instant"),
    to: bound.describe("end of those periods, exclusive"),
  }),
});

export const auditorParams = tenantParams.extend({ auditor: z.uuid() });

const person = z.strictObject({ id: z.string(), name: z.string() });

const access = z.enum(["attestations", "evidence"]);

export const scopeRequestBody = z.strictObject({
  access: access.describe('what the auditor asks to read: "attestations" or "evidence" (never less than now)'),
  from: bound.describe(
    "first day of the periods asked for: YYYY-MM-DD or an RFC 3339 instant; at most the current one",
  ),
  to: bound.describe("end of the periods asked for, exclusive; at least the current one"),
  reason: safeText().trim().min(10).max(2000).describe("why the auditor needs more (10–2,000 characters)"),
});

export const scopeRequestParams = auditorParams.extend({ request: z.uuid() });

export const scopeDecisionBody = z.strictObject({
  decision: z.enum(["approve", "deny"]),
  note: safeText()
    .trim()
    .max(2000)
    .optional()
    .describe("told to the auditor and kept with the decision; required to deny (at most 2,000 characters)"),
});

export const scopeRequest = z.strictObject({
  id: z.uuid(),
  state: z.enum(["pending", "approved", "denied", "lapsed"]),
  access,
  from: instant,
  to: instant,
  reason: z.string(),
  current: z
    .strictObject({ access, from: instant.nullable(), to: instant.nullable() })
    .describe("the engagement's scope when the auditor asked"),
  requested_at: instant,
  requested_by: person,
  decided_at: instant.nullable(),
  decided_by: person.nullable(),
  note: z.string().nullable(),
});

export const scopeRequestList = z.strictObject({
  requests: z.array(scopeRequest).describe("the auditor's requests in this engagement, newest first"),
  allowed_actions: z.array(z.enum(["engagement.scope.request"])),
});

export const auditorSummary = z.strictObject({
  id: z.uuid().describe("the engagement's id"),
  user_id: z.string(),
  name: z.string(),
  email: z.string(),
  state: z.enum(["awaiting_nda", "active", "expired", "revoked"]),
  access: z.enum(["attestations", "evidence"]),
  scope_from: instant.nullable(),
  scope_to: instant.nullable(),
  expires_at: instant.nullable(),
  invited_at: instant,
  invited_by: person.nullable(),
  nda: z.strictObject({ version: z.number().int(), sha256: sha256Hex, accepted_at: instant }).nullable(),
  revoked_at: instant.nullable(),
  revoked_by: person.nullable(),
  scope_request: scopeRequest
    .nullable()
    .describe("the engagement's newest request for more access (pending, or how it was decided); null if none"),
});

export const auditorList = z.strictObject({
  auditors: z.array(auditorSummary),
  allowed_actions: z.array(z.enum(["auditors.manage"])),
});

export const ndaView = z.strictObject({
  version: z.number().int().positive(),
  sha256: sha256Hex.describe("SHA-256 of the UTF-8 text: what an acceptance names"),
  text: z.string(),
  set_at: instant.nullable().describe("when this version was set; null for the default text nobody has accepted yet"),
  accepted_at: instant.nullable().describe("when the caller accepted this version, for an auditor"),
  allowed_actions: z.array(z.enum(["nda.accept", "auditors.manage"])),
});

export const setNdaBody = z.strictObject({
  text: safeText().trim().min(40).max(MAX_NDA_CHARS).describe("the new NDA; every auditor accepts it again"),
});

export const acceptNdaBody = z.strictObject({
  sha256: sha256Hex.describe("the SHA-256 of the text the auditor read (GET …/nda)"),
});

export const ndaAcceptance = z.strictObject({
  version: z.number().int(),
  sha256: sha256Hex,
  accepted_at: instant,
});

export const activityQuery = z.strictObject({ format: z.enum(["json", "csv"]).default("json") });

export const evidenceActivity = z.strictObject({
  activity: z.array(
    z.strictObject({
      id: z.string(),
      at: instant,
      user: z.strictObject({ id: z.string(), name: z.string(), email: z.string() }),
      kind: z.enum([
        "attestations.viewed",
        "attestation.downloaded",
        "attestation.pdf_downloaded",
        "evidence.downloaded",
        "nda.accepted",
      ]),
      subject: z.string(),
      sha256: sha256Hex.nullable(),
      download_id: z.string().nullable(),
      ip: z.string(),
    }),
  ),
});

export const evidenceQuery = z.strictObject({
  from: bound.describe("start of the period: YYYY-MM-DD (midnight UTC) or an RFC 3339 instant"),
  to: bound.describe("end of the period, exclusive; it must have passed, at most a year after from"),
  sample: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .describe("draw up to N lines of each population into samples.json"),
  seed: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "64 lowercase hex digits")
    .optional()
    .describe("the sample's seed (default: random); the same seed re-draws the same lines"),
});

const T = "/api/v1/tenants/{tenant}";
const csv = { contentType: "text/csv", description: "`?format=csv`: one row per view or download." };

export const evidenceOperations = defineOperations("evidence", {
  [`POST ${T}/auditors`]: {
    summary:
      "Invite an auditor (or change an engagement) with a scope and an expiry (customer admins, compliance officers).",
    auth: "required",
    params: tenantParams,
    body: inviteAuditorBody,
    responses: { 201: auditorSummary },
  },
  [`GET ${T}/auditors`]: {
    summary: "The tenant's auditor engagements, current and ended.",
    auth: "required",
    params: tenantParams,
    responses: { 200: auditorList },
  },
  [`DELETE ${T}/auditors/{auditor}`]: {
    summary: "End an auditor's engagement now; their next request is refused.",
    auth: "required",
    params: auditorParams,
    responses: { 200: auditorSummary },
  },
  [`POST ${T}/auditors/{auditor}/scope-requests/{request}`]: {
    summary:
      "Approve (the engagement's scope widens at once; its expiry does not move) or deny an auditor's request for more access (customer admins, compliance officers).",
    auth: "required",
    params: scopeRequestParams,
    body: scopeDecisionBody,
    responses: { 200: auditorSummary },
  },
  [`GET ${T}/engagement/scope-requests`]: {
    summary: "The calling auditor's requests for more access in their engagement, newest first.",
    auth: "required",
    params: tenantParams,
    responses: { 200: scopeRequestList },
  },
  [`POST ${T}/engagement/scope-requests`]: {
    summary:
      "An auditor with an open engagement asks for more periods or full evidence; the tenant's admins decide (one pending request at a time).",
    auth: "required",
    params: tenantParams,
    body: scopeRequestBody,
    responses: { 201: scopeRequest },
  },
  [`GET ${T}/nda`]: {
    summary: "The tenant's NDA for auditors: its version, text and SHA-256.",
    auth: "required",
    params: tenantParams,
    responses: { 200: ndaView },
  },
  [`PUT ${T}/nda`]: {
    summary: "Set a new NDA text (a new version; every auditor accepts it again).",
    auth: "required",
    params: tenantParams,
    body: setNdaBody,
    responses: { 200: ndaView },
  },
  [`POST ${T}/nda/accept`]: {
    summary: "An auditor accepts the NDA they read, named by its SHA-256: their first action.",
    auth: "required",
    params: tenantParams,
    body: acceptNdaBody,
    responses: { 201: ndaAcceptance },
  },
  [`GET ${T}/evidence`]: {
    summary:
      "The evidence package of a period: a ZIP streamed as it is built, with signed manifest, verify.sh, keys, attestations, audit entries with proofs and every population (docs/evidence.md).",
    auth: "required",
    params: tenantParams,
    query: evidenceQuery,
    responses: {
      200: {
        contentType: "application/zip",
        description:
          "Streamed, no Content-Length; `x-terrane-download-id` names the download recorded in the evidence activity.",
      },
    },
  },
  [`GET ${T}/evidence-activity`]: {
    summary: "Who viewed and downloaded which evidence, when, with the digest of what was served.",
    auth: "required",
    params: tenantParams,
    query: activityQuery,
    responses: { 200: [evidenceActivity, csv] },
  },
});
