/**
 * The support-access module's API contract: requests, approvals, grants and their tokens, the
 * tenant's approval policy, the per-access log, the access broker's online check and the
 * access-event ingest. Pure, so route handlers and the OpenAPI generator share them.
 */
import { z } from "zod";
import { safeText } from "@/platform/schema/safe-text";
import { defineOperations, instant } from "@/platform/http/openapi-spec";
import { tenantParams } from "@/platform/http/params";
import {
  ACCESS_LEVELS,
  BREAK_GLASS_MAX_MINUTES,
  MAX_DURATION_MINUTES,
  MIN_DURATION_MINUTES,
  POLICY_LIMITS,
  REASON_CODES,
  REQUEST_STATES,
} from "@/modules/support/domain/model";
import { ACCESS_OPERATIONS } from "@/modules/support/domain/judge-access";

const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
const line = (max: number) =>
  safeText().trim().min(1).max(max).regex(NO_CONTROL, "must be one line without control characters");
const paragraph = (max: number) =>
  safeText()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, "must not contain control characters");
const id = safeText().max(64);
const dataClassKey = safeText().regex(/^[a-z][a-z0-9_]{1,62}$/, "must be a data class key");
const country = safeText().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 country code (two capital letters)");
const futureish = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .refine((d) => d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2199, "must be between the years 2000 and 2199");

export const supportRequestParams = z.object({ tenant: safeText(), request: id });
export const supportGrantParams = z.object({ tenant: safeText(), grant: id });

export const supportScopeInput = z
  .object({
    stores: z.array(id).max(50).default([]),
    data_classes: z.array(dataClassKey).max(50).default([]),
    access: z.enum(ACCESS_LEVELS),
  })
  .strict()
  .refine((s) => s.stores.length + s.data_classes.length > 0, {
    message: "name at least one store or data class",
    path: ["stores"],
  });

export const createSupportRequestBody = z
  .object({
    scope: supportScopeInput,
    reason: z.enum(REASON_CODES),
    detail: paragraph(2000),
    ticket: line(200).optional(),
    duration_minutes: z
      .number()
      .int()
      .min(MIN_DURATION_MINUTES)
      .max(MAX_DURATION_MINUTES, `must be at most ${MAX_DURATION_MINUTES} (8 hours)`),
    /** When access should start (default: as soon as it is approved). */
    start_at: futureish.optional(),
  })
  .strict()
  .refine((b) => b.reason !== "customer_initiated_support" || b.ticket, {
    message: "a customer-initiated request names the customer's ticket",
    path: ["ticket"],
  });
export type CreateSupportRequestInput = z.infer<typeof createSupportRequestBody>;

export const breakGlassBody = z
  .object({
    scope: supportScopeInput,
    reason: z.literal("production_alert_response", {
      error: "break-glass is for production_alert_response only",
    }),
    detail: paragraph(2000),
    ticket: line(200).optional(),
    duration_minutes: z
      .number()
      .int()
      .min(MIN_DURATION_MINUTES)
      .max(BREAK_GLASS_MAX_MINUTES, `must be at most ${BREAK_GLASS_MAX_MINUTES} (1 hour) for break-glass`),
  })
  .strict();
export type BreakGlassInput = z.infer<typeof breakGlassBody>;

export const approveBody = z
  .object({
    /** Shorten the access to this many minutes (never longer than asked). */
    duration_minutes: z.number().int().min(MIN_DURATION_MINUTES).max(MAX_DURATION_MINUTES).optional(),
  })
  .strict();
export const denyBody = z.object({ reason: paragraph(2000).optional() }).strict();
export const revokeBody = z.object({ reason: paragraph(2000).optional() }).strict();
export const extendBody = z
  .object({
    duration_minutes: z.number().int().min(MIN_DURATION_MINUTES).max(MAX_DURATION_MINUTES),
    detail: paragraph(2000),
  })
  .strict();
export const reviewBody = z.object({ rationale: paragraph(4000) }).strict();

export const listRequestsQuery = z
  .object({ state: z.enum(REQUEST_STATES).optional(), mine: z.enum(["true", "false"]).optional() })
  .strict();

export const supportPolicyBody = z
  .object({
    approvals_required: z
      .number()
      .int()
      .min(POLICY_LIMITS.approvalsRequired.min)
      .max(POLICY_LIMITS.approvalsRequired.max),
    request_lifetime_hours: z
      .number()
      .int()
      .min(POLICY_LIMITS.requestLifetimeHours.min)
      .max(POLICY_LIMITS.requestLifetimeHours.max),
    max_grant_hours: z.number().int().min(POLICY_LIMITS.maxGrantHours.min).max(POLICY_LIMITS.maxGrantHours.max),
    denied_reasons: z.array(z.enum(REASON_CODES)).max(REASON_CODES.length),
    allow_read_write: z.boolean(),
  })
  .strict();
export type SupportPolicyInput = z.infer<typeof supportPolicyBody>;

export const accessesQuery = z
  .object({
    format: z.enum(["json", "csv"]).default("json"),
    verdict: z.enum(["within_grant", "outside_grant"]).optional(),
    grant: id.optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(500),
  })
  .strict();

export const authorizeBody = z
  .object({
    token: safeText().max(8192).min(1),
    principal: line(320),
    store: id.optional(),
    data_class: dataClassKey,
    operation: z.enum(ACCESS_OPERATIONS),
  })
  .strict();

export const accessEvent = z
  .object({
    id: line(128),
    time: z.iso
      .datetime({ offset: true })
      .transform((s) => new Date(s))
      .refine((d) => d.getUTCFullYear() >= 2000 && d.getTime() <= Date.now() + 5 * 60_000, "must not be in the future"),
    tenant: safeText().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be a tenant slug"),
    principal: line(320),
    job_title: line(200).optional(),
    employer: line(200),
    office_country: country,
    location_country: country,
    store: line(200).optional(),
    data_class: dataClassKey,
    operation: z.enum(ACCESS_OPERATIONS),
    method: line(100),
    reason: z.enum(REASON_CODES),
    grant_id: id.optional(),
    break_glass_id: id.optional(),
  })
  .strict()
  .refine((e) => !(e.grant_id && e.break_glass_id), {
    message: "name a grant_id or a break_glass_id, not both",
    path: ["grant_id"],
  });
export type AccessEventInput = z.infer<typeof accessEvent>;
export const MAX_ACCESS_EVENTS = 1000;
export const accessEventsBody = z.union([accessEvent, z.array(accessEvent).min(1).max(MAX_ACCESS_EVENTS)]);

// ── Responses ────────────────────────────────────────────────────────────────────────────

const person = z.object({ id: z.string(), name: z.string(), email: z.string() }).strict();
const staff = person
  .extend({
    job_title: z.string().nullable(),
    employer: z.string(),
    office_country: z.string(),
    location_country: z.string(),
  })
  .strict();
const scopeView = z
  .object({
    stores: z.array(z.object({ id: z.string(), name: z.string(), region: z.string() }).strict()),
    data_classes: z.array(z.string()),
    access: z.enum(ACCESS_LEVELS),
  })
  .strict();
export const REQUEST_STEPS = ["approve", "deny", "withdraw", "revoke", "token", "extend", "confirm", "review"] as const;

export const grantView = z
  .object({
    id: z.string(),
    request_id: z.string(),
    not_before: instant,
    expires_at: instant,
    revoked_at: instant.nullable(),
    revoked_by: person.nullable(),
    revoke_reason: z.string().nullable(),
    approvers: z.array(person),
  })
  .strict();

export const supportRequestView = z
  .object({
    id: z.string(),
    tenant: z.string(),
    state: z.enum(REQUEST_STATES),
    state_label: z.string(),
    break_glass: z.boolean(),
    requester: staff,
    scope: scopeView,
    scope_text: z.string(),
    reason: z.enum(REASON_CODES),
    reason_label: z.string(),
    detail: z.string(),
    ticket: z.string().nullable(),
    requested_start: instant,
    duration_minutes: z.number().int(),
    created_at: instant,
    expires_at: instant,
    approvals_required: z.number().int(),
    /** The approval round: 0 for the request, one more for each extension asked. */
    round: z.number().int(),
    approvals: z.array(
      z
        .object({
          round: z.number().int(),
          approver: person,
          at: instant,
          duration_minutes: z.number().int().nullable(),
        })
        .strict(),
    ),
    decided_at: instant.nullable(),
    denial: z.object({ by: person.nullable(), reason: z.string().nullable(), at: instant }).strict().nullable(),
    withdrawn_at: instant.nullable(),
    extension: z
      .object({ minutes: z.number().int(), detail: z.string(), expires_at: instant.nullable() })
      .strict()
      .nullable(),
    confirmed_by: person.nullable(),
    review: z.object({ by: person, at: instant, rationale: z.string() }).strict().nullable(),
    needs_review: z.boolean(),
    grant: grantView.nullable(),
    allowed_actions: z.array(z.enum(REQUEST_STEPS)),
  })
  .strict();

export const SUPPORT_LIST_ACTIONS = [
  "support.request",
  "support.approve",
  "support.policy.manage",
  "support.break_glass.confirm",
  "support.break_glass.review",
] as const;

export const supportRequestList = z
  .object({
    tenant: z.string(),
    requests: z.array(supportRequestView),
    allowed_actions: z.array(z.enum(SUPPORT_LIST_ACTIONS)),
  })
  .strict();

export const grantList = z
  .object({
    tenant: z.string(),
    grants: z.array(
      grantView
        .extend({
          state: z.enum(REQUEST_STATES),
          state_label: z.string(),
          break_glass: z.boolean(),
          requester: staff,
          scope: scopeView,
          scope_text: z.string(),
          reason: z.enum(REASON_CODES),
        })
        .strict(),
    ),
  })
  .strict();

export const grantToken = z
  .object({
    token: z.string(),
    token_type: z.literal("JWS"),
    expires_at: instant,
    grant_id: z.string(),
    kid: z.string(),
  })
  .strict();

export const supportPolicyView = z
  .object({
    approvals_required: z.number().int(),
    request_lifetime_hours: z.number().int(),
    max_grant_hours: z.number().int(),
    denied_reasons: z.array(z.enum(REASON_CODES)),
    allow_read_write: z.boolean(),
    updated_at: instant.nullable(),
    updated_by: person.nullable(),
    /** How many customer admins the tenant has: M cannot exceed it. */
    customer_admins: z.number().int(),
    allowed_actions: z.array(z.enum(["support.policy.manage"])),
  })
  .strict();

export const accessView = z
  .object({
    id: z.string(),
    time: instant,
    principal: z.string(),
    job_title: z.string().nullable(),
    employer: z.string(),
    office_country: z.string(),
    location_country: z.string(),
    store: z.string().nullable(),
    data_class: z.string(),
    operation: z.enum(ACCESS_OPERATIONS),
    method: z.string(),
    reason: z.enum(REASON_CODES),
    grant_id: z.string().nullable(),
    break_glass_id: z.string().nullable(),
    verdict: z.enum(["within_grant", "outside_grant"]),
    verdict_reason: z.string(),
  })
  .strict();
export const accessList = z
  .object({
    tenant: z.string(),
    accesses: z.array(accessView),
    truncated: z.boolean(),
    daily: z.array(
      z
        .object({
          day: z.string(),
          grant_id: z.string().nullable(),
          within_grant: z.number().int(),
          outside_grant: z.number().int(),
        })
        .strict(),
    ),
  })
  .strict();

export const authorizeAnswer = z
  .object({ allow: z.boolean(), reason: z.string(), code: z.string(), grant_id: z.string().nullable() })
  .strict();

export const accessIngestResult = z
  .object({
    received: z.number().int(),
    stored: z.number().int(),
    duplicates: z.number().int(),
    within_grant: z.number().int(),
    outside_grant: z.number().int(),
  })
  .strict();

const T = "/api/v1/tenants/{tenant}/support-access";

export const supportOperations = defineOperations("support", {
  [`POST ${T}/requests`]: {
    summary: "A support engineer asks for time-boxed, scoped access to the tenant's data.",
    auth: "required",
    params: tenantParams,
    body: createSupportRequestBody,
    responses: { 201: supportRequestView },
  },
  [`GET ${T}/requests`]: {
    summary: "The tenant's support-access requests (a support engineer sees their own).",
    auth: "required",
    params: tenantParams,
    query: listRequestsQuery,
    responses: { 200: supportRequestList },
  },
  [`GET ${T}/requests/{request}`]: {
    summary: "One request with its approvals and grant.",
    auth: "required",
    params: supportRequestParams,
    responses: { 200: supportRequestView },
  },
  [`POST ${T}/requests/{request}/approve`]: {
    summary: "A customer admin approves (M distinct approvers make one grant); may shorten the duration.",
    auth: "required",
    params: supportRequestParams,
    body: approveBody,
    responses: { 200: supportRequestView },
  },
  [`POST ${T}/requests/{request}/deny`]: {
    summary: "A customer admin denies the request (or its extension).",
    auth: "required",
    params: supportRequestParams,
    body: denyBody,
    responses: { 200: supportRequestView },
  },
  [`POST ${T}/requests/{request}/withdraw`]: {
    summary: "The requester withdraws the request (ending any grant it made).",
    auth: "required",
    params: supportRequestParams,
    responses: { 200: supportRequestView },
  },
  [`POST ${T}/requests/{request}/extend`]: {
    summary: "The requester asks for longer access: the same approval again.",
    auth: "required",
    params: supportRequestParams,
    body: extendBody,
    responses: { 200: supportRequestView },
  },
  [`POST ${T}/break-glass`]: {
    summary: "A support engineer opens an emergency request (production alerts only, at most 1 hour).",
    auth: "required",
    params: tenantParams,
    body: breakGlassBody,
    responses: { 201: supportRequestView },
  },
  [`POST ${T}/requests/{request}/confirm`]: {
    summary: "A second provider person (compliance officer or provider admin) opens a break-glass grant.",
    auth: "required",
    params: supportRequestParams,
    responses: { 200: supportRequestView },
  },
  [`POST ${T}/requests/{request}/review`]: {
    summary: "A compliance officer reviews a break-glass access with a written rationale (four eyes).",
    auth: "required",
    params: supportRequestParams,
    body: reviewBody,
    responses: { 200: supportRequestView },
  },
  [`GET ${T}/grants`]: {
    summary: "The tenant's grants, newest first.",
    auth: "required",
    params: tenantParams,
    responses: { 200: grantList },
  },
  [`POST ${T}/grants/{grant}/revoke`]: {
    summary: "A customer admin revokes a grant at once: authorize refuses and its token is not refreshed.",
    auth: "required",
    params: supportGrantParams,
    body: revokeBody,
    responses: { 200: supportRequestView },
  },
  [`POST ${T}/grants/{grant}/token`]: {
    summary:
      "The requester's signed grant token (compact JWS, EdDSA, at most 15 minutes), refreshed while the grant lasts.",
    auth: "required",
    params: supportGrantParams,
    responses: { 200: grantToken },
  },
  [`GET ${T}/policy`]: {
    summary: "The tenant's approval policy for support access.",
    auth: "required",
    params: tenantParams,
    responses: { 200: supportPolicyView },
  },
  [`PUT ${T}/policy`]: {
    summary: "Customer admins set the approval policy.",
    auth: "required",
    params: tenantParams,
    body: supportPolicyBody,
    responses: { 200: supportPolicyView },
  },
  [`GET ${T}/accesses`]: {
    summary: "Every access by provider staff to the tenant's data, judged against the grants.",
    auth: "required",
    params: tenantParams,
    query: accessesQuery,
    responses: { 200: [accessList, { contentType: "text/csv", description: "The accesses as CSV." }] },
  },
  "POST /api/v1/support-access/authorize": {
    summary: "The provider's access broker asks whether a grant token lets a principal do one access now.",
    auth: "ingest",
    body: authorizeBody,
    responses: { 200: authorizeAnswer },
  },
  "POST /api/v1/ingest/access-events": {
    summary: "Accesses by provider staff from the data plane: one, or an array of up to 1000; idempotent by id.",
    auth: "ingest",
    body: accessEventsBody,
    responses: { 200: accessIngestResult },
  },
});
