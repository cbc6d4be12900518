/**
 * The keys module's API contract: request and response schemas of the tenant-key routes and
 * of key-usage ingest. Pure, so route handlers and the OpenAPI generator share them.
 */
import { z } from "zod";
import { safeText } from "@/platform/schema/safe-text";
import { isStorableInstant, queryInstant } from "@/platform/schema/query";
import { defineOperations, instant } from "@/platform/http/openapi-spec";
import { keyParams, tenantParams } from "@/platform/http/params";
import { TIER_NAMES } from "@/platform/region/tier";
import { CUSTODY_KINDS } from "@/modules/keys/domain/custody";

export const KEY_OPERATIONS = ["encrypt", "decrypt", "generate_data_key", "reencrypt", "sign", "verify"] as const;

const HOUR_MS = 3_600_000;

export const keyUsageAggregate = z
  .object({
    tenant: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be a tenant slug"),
    key: z.uuid().optional(),
    hour: z.iso
      .datetime({ offset: true })
      .transform((s) => new Date(s))
      .refine(isStorableInstant, "must be a date between the years 0001 and 9999")
      .refine(
        (d) => d.getTime() % HOUR_MS === 0,
        "must be the start of an hour (minutes, seconds and milliseconds zero)",
      )
      // The hour in progress may be reported (a running tally); a later one may not.
      .refine((d) => d.getTime() <= Date.now(), "must not be in the future (the current hour at the latest)"),
    operation: z.enum(KEY_OPERATIONS),
    service: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .regex(/^[A-Za-z0-9._:@/-]+$/, "must be a service identity (letters, digits and . _ : @ / -)"),
    count: z.number().int().min(0).max(1_000_000_000),
    failures: z.number().int().min(0).max(1_000_000_000),
  })
  .strict()
  .refine((a) => a.failures <= a.count, { message: "failures cannot exceed count", path: ["failures"] });

/** One aggregate, or a batch of up to 1000 (all or nothing). */
export const keyUsageBody = z.union([keyUsageAggregate, z.array(keyUsageAggregate).min(1).max(1_000)]);
export type KeyUsageAggregate = z.infer<typeof keyUsageAggregate>;
export const keyUsageAccepted = z.object({ accepted: z.number().int() }).strict();

export const rotationPeriodBody = z.object({ rotation_period_days: z.number().int().min(90).max(730) }).strict();
export const disableKeyBody = z.object({ confirm: safeText().max(100) }).strict();
export const scheduleDeletionBody = z
  .object({ confirm: safeText().max(100), days: z.number().int().min(7).max(30).default(30) })
  .strict();

export const keyEventsQuery = z
  .object({
    from: queryInstant.optional(),
    to: queryInstant.optional(),
    operation: z.enum(KEY_OPERATIONS).optional(),
    format: z.enum(["json", "csv"]).default("json"),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: "from must be before to", path: ["from"] });

export const rotationSummary = z
  .object({
    id: z.string(),
    stage: z.string(),
    trigger: z.string(),
    from_version: z.number().int(),
    to_version: z.number().int(),
    rewrapped: z.number().int(),
    total_fields: z.number().int(),
    done_fields: z.number().int(),
    started_at: instant,
    completed_at: instant.nullable(),
    error: z.string().nullable(),
  })
  .strict();

/** Who acted: a person by name, or Terrane's own work by the component's name. */
export const actorRef = z
  .object({ type: z.enum(["user", "system"]), id: z.string().nullable(), name: z.string() })
  .strict();

/**
 * Why a key is in its state: the lifecycle event that set it (a key disabled by cancelling a
 * scheduled deletion says `deletion_cancelled`), when, and by whom. Null when no event explains it.
 */
export const stateChange = z
  .object({
    at: instant,
    reason: z.enum(["created", "enabled", "disabled", "deletion_scheduled", "deletion_cancelled", "destroyed"]),
    by: actorRef.nullable(),
  })
  .strict();

/**
 * One tenant key. Strict: a field the handler adds must be named here (the Cedar read-model
 * work adds `allowed_actions` by extending this object).
 */
export const keySummary = z
  .object({
    id: z.string(),
    alias: z.string(),
    provider: z.string(),
    key_ref: z.string(),
    custody: z
      .enum(CUSTODY_KINDS)
      .describe(
        "who holds the material: national_hsm (PKCS#11, sovereign tier), hsm (PKCS#11), software_kms (local; not an HSM), unknown",
      ),
    state: z.enum(["enabled", "disabled", "pending_deletion", "destroyed"]),
    state_changed_at: instant,
    state_change: stateChange.nullable(),
    current_version: z.number().int(),
    versions: z.array(
      z
        .object({
          version: z.number().int(),
          state: z.string(),
          created_at: instant,
          retired_at: instant.nullable(),
        })
        .strict(),
    ),
    rotation_period_days: z.number().int(),
    last_rotated_at: instant,
    next_rotation_at: instant,
    deletion_due_at: instant.nullable(),
    destroyed_at: instant.nullable(),
    rotation: rotationSummary.nullable(),
  })
  .strict();

export const keyList = z
  .object({
    tenant: z.string(),
    tier: z.enum(TIER_NAMES).describe("the tenant's tier: the sovereign tier promises keys in a national HSM"),
    keys: z.array(keySummary),
    /** What the policy allows the caller on the tenant's keys (`keys.read`, `keys.manage`). */
    allowed_actions: z.array(z.enum(["keys.read", "keys.manage"])),
  })
  .strict();

/** A lifecycle change: the key as it is now, and the revocation receipt a disable opens. */
export const keyChangeResult = z
  .object({ key: keySummary, receipt: z.object({ id: z.string(), status: z.string() }).strict().optional() })
  .strict();
export const rotationStarted = z.object({ key: keySummary, rotation: rotationSummary }).strict();

const jsonValue = z.json();

export const keyTimeline = z
  .object({
    tenant: z.string(),
    key_id: z.string(),
    state: z.string(),
    events: z.array(
      z
        .object({
          at: instant,
          type: z.string(),
          actor_type: z.string(),
          actor_id: z.string().nullable(),
          /** The actor in words (a person's name, or the system component's); null when none is recorded. */
          actor: actorRef.nullable(),
          details: jsonValue,
        })
        .strict(),
    ),
    usage: z.array(
      z
        .object({
          hour: instant,
          operation: z.string(),
          service: z.string(),
          /** `data_plane` (reported through ingest) or `portal` (Terrane's own use: page renders, rotation, probes). */
          source: z.enum(["data_plane", "portal"]),
          count: z.number().int(),
          failures: z.number().int(),
          /** Failures in an hour the key was not enabled: what the kill switch stopped (either source). */
          after_disable: z.boolean(),
        })
        .strict(),
    ),
  })
  .strict();

export const receiptList = z
  .object({
    tenant: z.string(),
    key_id: z.string(),
    receipts: z.array(
      z
        .object({
          id: z.string(),
          status: z.string(),
          disabled_at: instant,
          instances: z.array(
            z.object({ instance: z.string(), failed_at: instant, ms: z.number(), attempts: z.number().int() }).strict(),
          ),
          expected_instances: z.number().int(),
          max_ms: z.number().nullable(),
          completed_at: instant.nullable(),
          /** The signed statement (null while pending), verifiable with its Ed25519 signature over its RFC 8785 form. */
          body: jsonValue.nullable(),
          signature: z.object({ alg: z.string(), key: z.string(), value: z.string() }).strict().nullable(),
        })
        .strict(),
    ),
  })
  .strict();

export { keyParams, tenantParams };

const csv = { contentType: "text/csv", description: "`?format=csv`: one row per event and usage hour." };

export const keysOperations = defineOperations("keys", {
  "GET /api/v1/tenants/{tenant}/keys": {
    summary: "The tenant's keys: state, versions, rotation period and last rotation.",
    auth: "required",
    params: tenantParams,
    responses: { 200: keyList },
  },
  "PATCH /api/v1/tenants/{tenant}/keys/{key}": {
    summary: "Sets the automatic rotation period (90 days to 2 years): customer admins.",
    auth: "required",
    params: keyParams,
    body: rotationPeriodBody,
    responses: { 200: keyChangeResult },
  },
  "POST /api/v1/tenants/{tenant}/keys/{key}/disable": {
    summary: "The kill switch: every decrypt of the tenant's data fails closed; a revocation receipt follows.",
    auth: "required",
    params: keyParams,
    body: disableKeyBody,
    responses: { 200: keyChangeResult },
  },
  "POST /api/v1/tenants/{tenant}/keys/{key}/enable": {
    summary: "Enables a disabled key.",
    auth: "required",
    params: keyParams,
    responses: { 200: keyChangeResult },
  },
  "POST /api/v1/tenants/{tenant}/keys/{key}/schedule-deletion": {
    summary: "Crypto-shred after 7–30 days (default 30), cancellable until then.",
    auth: "required",
    params: keyParams,
    body: scheduleDeletionBody,
    responses: { 200: keyChangeResult },
  },
  "POST /api/v1/tenants/{tenant}/keys/{key}/cancel-deletion": {
    summary: "Stops a scheduled deletion; the key stays disabled until enabled.",
    auth: "required",
    params: keyParams,
    responses: { 200: keyChangeResult },
  },
  "POST /api/v1/tenants/{tenant}/keys/{key}/rotate": {
    summary: "Rotate now: a new key version; data keys rewrapped and data re-encrypted in the background.",
    auth: "required",
    params: keyParams,
    responses: { 200: rotationStarted },
  },
  "GET /api/v1/tenants/{tenant}/keys/{key}/events": {
    summary: "Lifecycle events and hourly usage of one key, as JSON or CSV.",
    auth: "required",
    params: keyParams,
    query: keyEventsQuery,
    responses: { 200: [keyTimeline, csv] },
  },
  "GET /api/v1/tenants/{tenant}/keys/{key}/receipts": {
    summary: "Signed revocation receipts: when the key was disabled, when each instance's probe failed.",
    auth: "required",
    params: keyParams,
    responses: { 200: receiptList },
  },
  "POST /api/v1/ingest/key-usage": {
    summary: "Hourly key-usage aggregates from the data plane; idempotent per key, hour, operation and service.",
    auth: "ingest",
    body: keyUsageBody,
    responses: { 200: keyUsageAccepted },
  },
});
