/**
 * The identity module's API contract: every request and response schema of the personal
 * API-token and region ingest-token routes. Pure (no server code), so the route handlers,
 * the browser client and the OpenAPI generator share one definition.
 */
import { z } from "zod";
import { safeText } from "@/platform/schema/safe-text";
import { defineOperations, instant } from "@/platform/http/openapi-spec";
import { userParams, tokenParams, ingestTokenParams } from "@/platform/http/params";

export const MAX_TOKEN_DAYS = 365;

/** What a user sends to create a personal API token. */
export const createTokenSchema = z
  .object({
    name: safeText().trim().min(1, "Give the token a name.").max(80, "Keep the name under 80 characters."),
    /** The tenant the token acts on; null for a provider token (provider staff only). */
    tenant: safeText()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "tenant must be a tenant slug")
      .nullable(),
    expires_in_days: z.number().int().min(1).max(MAX_TOKEN_DAYS).default(90),
  })
  .strict();

export type CreateTokenInput = z.infer<typeof createTokenSchema>;

/** A personal API token as the API shows it: never its secret or hash. */
export const apiTokenView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    /** The first characters of the secret, to recognise it by. */
    prefix: z.string(),
    /** The tenant slug the token acts on; null for a provider token. */
    tenant: z.string().nullable(),
    created_at: instant,
    expires_at: instant,
    last_used_at: instant.nullable(),
    revoked_at: instant.nullable(),
    state: z.enum(["active", "expired", "revoked"]),
  })
  .strict();
export type ApiTokenView = z.infer<typeof apiTokenView>;

export const apiTokenList = z.object({ tokens: z.array(apiTokenView) }).strict();
/** The created token with its secret: the only time the secret is shown. */
export const createdApiToken = apiTokenView.extend({ secret: z.string() }).strict();
export const revokedApiToken = z.object({ token: apiTokenView }).strict();

export const createIngestTokenBody = z
  .object({
    name: safeText().trim().min(1).max(100),
    /**
     * Binds the token to one tenant (its slug; homed in this region): OpenLineage events it sends
     * without a `terrane_tenant` facet are that tenant's, and a facet naming another is refused.
     * Absent or null: unbound (every event names its tenant, by facet or job-namespace rule).
     */
    tenant: safeText()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "tenant must be a tenant slug")
      .nullable()
      .optional(),
  })
  .strict();
export type CreateIngestTokenInput = z.infer<typeof createIngestTokenBody>;

/** A region ingest token as the API shows it: never its secret or hash. */
export const ingestTokenView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    region: z.string(),
    /** The tenant slug the token is bound to; null when unbound. */
    tenant: z.string().nullable(),
    created_at: instant,
    last_used_at: instant.nullable(),
    revoked_at: instant.nullable(),
  })
  .strict();
export type IngestTokenView = z.infer<typeof ingestTokenView>;

export const ingestTokenList = z.object({ region: z.string(), tokens: z.array(ingestTokenView) }).strict();
/** The created ingest token with its secret (`token`), shown only here. */
export const createdIngestToken = ingestTokenView.extend({ token: z.string() }).strict();

export { userParams, tokenParams, ingestTokenParams };

const nextAuth = {
  summary: "NextAuth's sign-in, callback, session and sign-out endpoints, for the browser (not a JSON API).",
  auth: "none" as const,
  params: z.object({ nextauth: z.string().describe("The rest of the path, e.g. `session` or `callback/oidc`.") }),
  responses: { 200: { contentType: "application/json", description: "NextAuth's own answers and redirects." } },
};

export const identityOperations = defineOperations("identity", {
  "GET /api/auth/{nextauth}": nextAuth,
  "POST /api/auth/{nextauth}": nextAuth,
  "GET /api/v1/users/{user}/tokens": {
    summary: "A user's personal API tokens (`me` for your own); secrets are never listed.",
    auth: "required",
    params: userParams,
    responses: { 200: apiTokenList },
  },
  "POST /api/v1/users/{user}/tokens": {
    summary: "Creates a personal API token; the response carries its secret, the only time it is shown.",
    auth: "required",
    params: userParams,
    body: createTokenSchema,
    responses: { 201: createdApiToken },
  },
  "DELETE /api/v1/users/{user}/tokens/{token}": {
    summary: "Revokes a token at once; revoking a revoked token is not an error.",
    auth: "required",
    params: tokenParams,
    responses: { 200: revokedApiToken },
  },
  "GET /api/v1/region/ingest-tokens": {
    summary: "The region's ingest tokens (provider staff).",
    auth: "required",
    responses: { 200: ingestTokenList },
  },
  "POST /api/v1/region/ingest-tokens": {
    summary:
      "A new ingest token for the region's data plane, optionally bound to one tenant (`tenant`); the secret is in this response only.",
    auth: "required",
    body: createIngestTokenBody,
    responses: { 200: createdIngestToken },
  },
  "DELETE /api/v1/region/ingest-tokens/{id}": {
    summary: "Revokes an ingest token.",
    auth: "required",
    params: ingestTokenParams,
    responses: { 200: ingestTokenView },
  },
});
