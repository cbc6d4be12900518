/**
 * The audit module's API contract: the tenant audit log and the region's public transparency
 * log (checkpoints, proofs, leaves, keys, witnessed views). Pure: shared by the route handlers
 * and the OpenAPI generator.
 */
import { z } from "zod";
import { defineOperations, instant } from "@/platform/http/openapi-spec";
import { tenantParams } from "@/platform/http/params";
import { queryCursor, queryIndex, queryInstant, queryInt } from "@/platform/schema/query";
import { safeText } from "@/platform/schema/safe-text";
import { AUDIT_WHO } from "@/modules/audit/domain/audit-who";

export { tenantParams };

export const tenantAuditQuery = z
  .object({
    action: safeText()
      .regex(/^[a-z_]+(\.[a-z_]+)*\.?$/, "must be an action like api_token.created, or a prefix like api_token.")
      .max(100)
      .optional(),
    actor: safeText().max(200).optional(),
    /** people: users and their API tokens; system: the data plane and Terrane's own jobs. */
    who: z.enum(AUDIT_WHO, { message: "must be people or system" }).optional(),
    from: queryInstant.optional(),
    to: queryInstant.optional(),
    cursor: queryCursor.optional(),
    limit: queryInt(1, 200).default(50),
  })
  .strict();

export const entryProofParams = z.object({ tenant: safeText(), entry: safeText().max(200) });
export const consistencyQuery = z.object({ from: queryIndex, to: queryIndex }).strict();
export const leavesQuery = z.object({ start: queryIndex.default(0), end: queryIndex.optional() }).strict();
export const proofQuery = z
  .object({ index: queryIndex, size: queryIndex.optional(), format: z.enum(["json", "tlog-proof"]).default("json") })
  .strict();
export const witnessParams = z.object({
  region: safeText().regex(/^[a-z]{2,4}-[a-z]+-\d$/, "must be a region id"),
});

/** Who acted, named for people (see modules/audit/domain/actors.ts). */
export const auditActor = z
  .object({
    type: z.string(),
    id: z.string().nullable(),
    /** The person's name (for `system`, the component in words); null when no longer known. */
    name: z.string().nullable(),
    /** Only for provider staff and the tenant's auditors. */
    email: z.string().nullable(),
    /** For `api_token`: the token that acted. */
    token: z.object({ id: z.string(), name: z.string().nullable() }).strict().nullable(),
    employer: z.string().nullable(),
    country: z.string().nullable(),
  })
  .strict();
export const auditEntryView = z
  .object({
    id: z.string(),
    /** The leaf index in the region's signed log; null until integrated. */
    index: z.number().int().nullable(),
    at: instant,
    action: z.string(),
    actor: auditActor,
    subject: z.string().nullable(),
    outcome: z.string(),
    details: z.json(),
  })
  .strict();
export const tenantAuditPage = z
  .object({ entries: z.array(auditEntryView), next_cursor: z.string().nullable() })
  .strict();

const hex = z.string().regex(/^[0-9a-f]+$/);
export const consistencyProof = z
  .object({ from: z.number().int(), to: z.number().int(), proof: z.array(hex) })
  .strict();
export const leafPage = z
  .object({ start: z.number().int(), end: z.number().int(), size: z.number().int(), leaves: z.array(hex) })
  .strict();
export const inclusionProof = z
  .object({
    index: z.number().int(),
    size: z.number().int(),
    leaf_hash: hex,
    proof: z.array(hex),
    /** The signed checkpoint (C2SP signed note) with its witnesses' cosignatures. */
    checkpoint: z.string(),
  })
  .strict();
export const regionJwks = z
  .object({
    keys: z.array(
      z
        .object({
          kty: z.literal("OKP"),
          crv: z.literal("Ed25519"),
          x: z.string(),
          kid: z.string(),
          use: z.literal("sig"),
          alg: z.literal("EdDSA"),
          terrane_purpose: z.string(),
          terrane_verifier_key: z.string(),
        })
        .strict(),
    ),
  })
  .strict();
export const witnessedView = z
  .object({
    region: z.string(),
    origin: z.string(),
    size: z.number().int(),
    checkpoint: z.string(),
    cosignature: z.string(),
  })
  .strict();

const note = { contentType: "text/plain", description: "Plain text." };
const tlogProof = { contentType: "text/plain", description: "A C2SP tlog-proof file (`format=tlog-proof`)." };

export const auditOperations = defineOperations("audit", {
  "GET /api/v1/tenants/{tenant}/audit": {
    summary: "The tenant's audit entries (content), newest first: members, auditors and compliance officers.",
    auth: "required",
    params: tenantParams,
    query: tenantAuditQuery,
    responses: { 200: tenantAuditPage },
  },
  "GET /api/v1/tenants/{tenant}/audit/{entry}/proof": {
    summary: "A .tlog-proof file for one entry, with the entry inside: verifiable offline with `npx terrane verify`.",
    auth: "required",
    params: entryProofParams,
    responses: { 200: tlogProof },
  },
  "GET /api/v1/audit/checkpoint": {
    summary: "The region's latest signed checkpoint (C2SP signed note) with its witnesses' cosignatures.",
    auth: "none",
    responses: { 200: note },
  },
  "GET /api/v1/audit/consistency": {
    summary: "A consistency proof that the tree of size `from` is a prefix of the tree of size `to`.",
    auth: "none",
    query: consistencyQuery,
    responses: { 200: consistencyProof },
  },
  "GET /api/v1/audit/leaves": {
    summary: "Leaf hashes (hex) of entries [start, end), at most 1000 at a time; never entry content.",
    auth: "none",
    query: leavesQuery,
    responses: { 200: leafPage },
  },
  "GET /api/v1/audit/proof": {
    summary: "An inclusion proof for leaf `index` against a signed checkpoint, as JSON or a C2SP tlog-proof.",
    auth: "none",
    query: proofQuery,
    responses: { 200: [inclusionProof, tlogProof] },
  },
  "GET /api/v1/audit/jwks": {
    summary: "The region's signing keys as a JWKS (also at /.well-known/jwks.json).",
    auth: "none",
    responses: { 200: regionJwks },
  },
  "GET /api/v1/audit/key": {
    summary: "The note verifier key of the region's log (`<name>+<hex id>+<base64 key>`).",
    auth: "none",
    responses: { 200: note },
  },
  "GET /api/v1/audit/witness-key": {
    summary: "The verifier key this region cosigns other regions' checkpoints with (cosignature/v1).",
    auth: "none",
    responses: { 200: note },
  },
  "GET /api/v1/audit/witness/{region}": {
    summary: "This region's latest cosigned view, as a witness, of another region's log.",
    auth: "none",
    params: witnessParams,
    responses: { 200: witnessedView },
  },
});
