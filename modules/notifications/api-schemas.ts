/**
 * The notifications module's API contract: a person's own notifications and a tenant's webhook
 * endpoints with their delivery log. Pure, so the route handlers, the browser client and the
 * OpenAPI generator share one definition.
 */
import { z } from "zod";
import { safeText } from "@/platform/schema/safe-text";
import { defineOperations, instant } from "@/platform/http/openapi-spec";
import { tenantParams } from "@/platform/http/params";
import { SUBSCRIBABLE_EVENTS } from "@/modules/notifications/domain/events";
import { MAX_WEBHOOK_URL_LENGTH } from "@/modules/notifications/domain/webhook-url";

// ── A person's notifications ─────────────────────────────────────────────────────────────

export const notificationsQuery = z
  .object({ unread: z.enum(["true", "false"], "must be true or false").optional() })
  .strict();
export const notificationParams = z.object({ id: safeText().max(64) });

export const notificationView = z
  .object({
    id: z.uuid(),
    /** The tenant's slug, or null for a notification about no tenant. */
    tenant: z.string().nullable(),
    event: z.string(),
    event_label: z.string(),
    title: z.string(),
    body: z.string(),
    /** A path on this instance, such as /t/northwind-eu/support. */
    link: z.string().nullable(),
    created_at: instant,
    read_at: instant.nullable(),
  })
  .strict();
export type NotificationView = z.infer<typeof notificationView>;

export const notificationList = z
  .object({
    /** The 100 most recent (unread only with ?unread=true). */
    notifications: z.array(notificationView),
    /** How many are unread in all. */
    unread: z.number().int(),
  })
  .strict();
export type NotificationList = z.infer<typeof notificationList>;
export const markedRead = z.object({ notification: notificationView, unread: z.number().int() }).strict();
export const markedAllRead = z.object({ marked: z.number().int(), unread: z.number().int() }).strict();

// ── A tenant's webhooks ──────────────────────────────────────────────────────────────────

export const SUBSCRIBABLE_EVENT_NAMES = SUBSCRIBABLE_EVENTS.map((e) => e.event) as [string, ...string[]];

export const webhookParams = z.object({ tenant: safeText(), id: safeText().max(64) });

export const createWebhookBody = z
  .object({
    url: safeText()
      .trim()
      .min(1, "Enter the URL that receives the events.")
      .max(MAX_WEBHOOK_URL_LENGTH, `Keep the URL under ${MAX_WEBHOOK_URL_LENGTH} characters.`),
    description: safeText().trim().max(200, "Keep the description under 200 characters.").default(""),
    /** The events to send; empty (or left out): every event. */
    events: z
      .array(z.enum(SUBSCRIBABLE_EVENT_NAMES, "is not an event Terrane sends"))
      .max(SUBSCRIBABLE_EVENT_NAMES.length)
      .refine((list) => new Set(list).size === list.length, "names an event twice")
      .default([]),
  })
  .strict();
export type CreateWebhookInput = z.infer<typeof createWebhookBody>;

export const webhookView = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string(),
    /** Empty: every event. */
    events: z.array(z.string()),
    state: z.enum(["enabled", "disabled"]),
    created_at: instant,
    created_by: z.string().nullable(),
    disabled_at: instant.nullable(),
    disabled_reason: z.string().nullable(),
    consecutive_failures: z.number().int(),
    failing_since: instant.nullable(),
  })
  .strict();
export type WebhookView = z.infer<typeof webhookView>;

const eventOption = z.object({ event: z.string(), label: z.string() }).strict();

export const webhookList = z
  .object({
    webhooks: z.array(webhookView),
    /** The events an endpoint can subscribe to, with their words. */
    events: z.array(eventOption),
    /** What the caller may do here (Cedar): webhooks.read, webhooks.manage. */
    allowed_actions: z.array(z.string()),
  })
  .strict();
export type WebhookList = z.infer<typeof webhookList>;

/** The created endpoint with its signing secret: the only time the secret is shown. */
export const createdWebhook = webhookView.extend({ secret: z.string() }).strict();
export const webhookChange = z.object({ webhook: webhookView }).strict();

export const deliveryAttemptView = z
  .object({
    attempt: z.number().int(),
    at: instant,
    status_code: z.number().int().nullable(),
    duration_ms: z.number().int(),
    error: z.string().nullable(),
  })
  .strict();

export const deliveryView = z
  .object({
    id: z.uuid(),
    message_id: z.string(),
    event_type: z.string(),
    status: z.enum(["pending", "delivered", "failed", "dead"]),
    attempts: z.number().int(),
    /** When it is tried next (pending and failed only). */
    next_attempt_at: instant.nullable(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    delivered_at: instant.nullable(),
    created_at: instant,
    attempt_log: z.array(deliveryAttemptView),
  })
  .strict();
export type DeliveryView = z.infer<typeof deliveryView>;

export const deliveryList = z
  .object({
    webhook: webhookView,
    /** The 50 most recent deliveries, newest first. */
    deliveries: z.array(deliveryView),
  })
  .strict();
export type DeliveryList = z.infer<typeof deliveryList>;

export const testQueued = z.object({ message_id: z.string(), delivery_id: z.uuid() }).strict();

export { tenantParams };

export const notificationsOperations = defineOperations("notifications", {
  "GET /api/v1/notifications": {
    summary: "Your own notifications, newest first (`?unread=true` for the unread ones) and the unread count.",
    auth: "required",
    query: notificationsQuery,
    responses: { 200: notificationList },
  },
  "POST /api/v1/notifications/{id}/read": {
    summary: "Marks one of your notifications read (again is not an error).",
    auth: "required",
    params: notificationParams,
    responses: { 200: markedRead },
  },
  "POST /api/v1/notifications/read-all": {
    summary: "Marks all your notifications read.",
    auth: "required",
    responses: { 200: markedAllRead },
  },
  "GET /api/v1/tenants/{tenant}/webhooks": {
    summary: "The tenant's webhook endpoints (customer admins).",
    auth: "required",
    params: tenantParams,
    responses: { 200: webhookList },
  },
  "POST /api/v1/tenants/{tenant}/webhooks": {
    summary: "Adds a webhook endpoint; the response carries its `whsec_…` signing secret, the only time it is shown.",
    auth: "required",
    params: tenantParams,
    body: createWebhookBody,
    responses: { 201: createdWebhook },
  },
  "POST /api/v1/tenants/{tenant}/webhooks/{id}/disable": {
    summary: "Stops sending to the endpoint; queued messages wait until it is enabled.",
    auth: "required",
    params: webhookParams,
    responses: { 200: webhookChange },
  },
  "POST /api/v1/tenants/{tenant}/webhooks/{id}/enable": {
    summary: "Sends to the endpoint again (its failure count starts afresh).",
    auth: "required",
    params: webhookParams,
    responses: { 200: webhookChange },
  },
  "GET /api/v1/tenants/{tenant}/webhooks/{id}/deliveries": {
    summary: "The endpoint's delivery log: the 50 most recent messages with every attempt's status code.",
    auth: "required",
    params: webhookParams,
    responses: { 200: deliveryList },
  },
  "POST /api/v1/tenants/{tenant}/webhooks/{id}/test": {
    summary: "Queues a `webhook.test` ping to the endpoint.",
    auth: "required",
    params: webhookParams,
    responses: { 202: testQueued },
  },
});
