/**
 * The lawful-access register's API: compliance officers record, edit and close requests; a
 * tenant's admins read the ones about their tenant. Pure, so route handlers and the OpenAPI
 * generator share them.
 */
import { z } from "zod";
import { safeText } from "@/platform/schema/safe-text";
import { defineOperations, instant } from "@/platform/http/openapi-spec";
import { tenantParams } from "@/platform/http/params";
import { isCountryCode } from "@/platform/region/countries";
import { line, paragraph } from "@/modules/subprocessors/domain/model";
import {
  CLOSING_DISPOSITIONS,
  DISPOSITIONS,
  NOTIFICATION_STATES,
  REQUEST_KINDS,
} from "@/modules/lawful-access/domain/model";

const country = safeText().refine(isCountryCode, "must be an ISO 3166-1 alpha-2 country code such as DE or US");
const dataClassKey = safeText().regex(/^[a-z][a-z0-9_]{1,62}$/, "must be a data class key such as customer_pii");
const tenantSlug = safeText().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be a tenant's slug such as northwind-eu");
const distinct = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((xs) => new Set(xs).size === xs.length, "must not repeat an item");

const when = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .refine((d) => d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2199, "must be between the years 2000 and 2199");

/**
 * Whether the customers were told: the date they were, a legal prohibition (its basis, e.g. the
 * statute or the order's clause, and the date it ends if it has one), or not yet.
 */
export const notificationBody = z.discriminatedUnion("state", [
  z.strictObject({ state: z.literal("notified"), notified_at: when }),
  z.strictObject({ state: z.literal("prohibited"), basis: paragraph(1000), until: when.optional() }),
  z.strictObject({ state: z.literal("not_yet_notified") }),
]);
export type NotificationBody = z.infer<typeof notificationBody>;

const requestFields = {
  /** Who asks, e.g. "Bundeskriminalamt" or "U.S. Department of Justice". */
  authority: line(200),
  jurisdiction: country,
  /** The legal instrument, e.g. "§ 100a StPO order of AG Frankfurt, 12 Gs 345/26". */
  legal_instrument: line(500),
  kind: z.enum(REQUEST_KINDS),
  data_classes: distinct(dataClassKey, 50),
  /** The tenants concerned, by slug (tenants homed in this region). */
  tenants: distinct(tenantSlug, 200),
  summary: paragraph(4000).nullable().optional(),
  received_at: when,
  response_due_at: when.nullable().optional(),
  responded_at: when.nullable().optional(),
  notification: notificationBody,
};

/** `POST /api/v1/region/lawful-access-requests`. */
export const recordBody = z.strictObject(requestFields);
export type RecordBody = z.infer<typeof recordBody>;

/** `PATCH …/{id}`: any of the fields, while the request is open. */
export const updateBody = z
  .strictObject(requestFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, "must change at least one field");
export type UpdateBody = z.infer<typeof updateBody>;

/** `POST …/{id}/close`: how it ended and why (four eyes: not by whoever recorded it). */
export const closeBody = z.strictObject({
  disposition: z.enum(CLOSING_DISPOSITIONS),
  rationale: paragraph(4000),
});

export const requestParams = z.object({ id: safeText().max(64) });
export const requestsQuery = z.object({ state: z.enum(["open", "closed"]).optional() });

const person = z.object({ id: z.string(), name: z.string() });

export const notificationView = z.object({
  state: z.enum(NOTIFICATION_STATES),
  state_label: z.string(),
  notified_at: instant.nullable(),
  prohibition_basis: z.string().nullable(),
  prohibition_until: instant.nullable(),
});

export const requestView = z.object({
  id: z.string(),
  region: z.string(),
  state: z.enum(["open", "closed"]),
  authority: z.string(),
  jurisdiction: z.string(),
  jurisdiction_name: z.string(),
  legal_instrument: z.string(),
  kind: z.enum(REQUEST_KINDS),
  kind_label: z.string(),
  data_classes: z.array(z.string()),
  tenants: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string() })),
  summary: z.string().nullable(),
  received_at: instant,
  response_due_at: instant.nullable(),
  responded_at: instant.nullable(),
  /** Open, with a response date that has passed and no response yet. */
  overdue: z.boolean(),
  notification: notificationView,
  disposition: z.enum(DISPOSITIONS),
  disposition_label: z.string(),
  rationale: z.string().nullable(),
  recorded_by: person,
  recorded_at: instant,
  updated_at: instant,
  closed_by: person.nullable(),
  closed_at: instant.nullable(),
  /** What the caller may do with this request now. */
  allowed_actions: z.array(z.enum(["update", "close"])),
  /** Set when the caller may not close it because they recorded it. */
  four_eyes: z.boolean(),
});
export type RequestView = z.infer<typeof requestView>;

export const registerView = z.object({
  region: z.string(),
  now: instant,
  requests: z.array(requestView),
  allowed_actions: z.array(z.enum(["record", "issue_report"])),
});
export type RegisterView = z.infer<typeof registerView>;

/** One request as an affected tenant's admins see it: nothing about other tenants or the provider's staff. */
export const tenantRequestView = z.object({
  id: z.string(),
  state: z.enum(["open", "closed"]),
  authority: z.string(),
  jurisdiction: z.string(),
  jurisdiction_name: z.string(),
  legal_instrument: z.string(),
  kind: z.enum(REQUEST_KINDS),
  kind_label: z.string(),
  data_classes: z.array(z.string()),
  received_at: instant,
  responded_at: instant.nullable(),
  notified_at: instant.nullable(),
  disposition: z.enum(DISPOSITIONS),
  disposition_label: z.string(),
  closed_at: instant.nullable(),
});
export type TenantRequestView = z.infer<typeof tenantRequestView>;

export const tenantRequestsView = z.object({
  tenant: z.object({ slug: z.string(), name: z.string() }),
  requests: z.array(tenantRequestView),
});
export type TenantRequestsView = z.infer<typeof tenantRequestsView>;

const R = "/api/v1/region";

export const registerOperations = defineOperations("lawful-access", {
  [`GET ${R}/lawful-access-requests`]: {
    summary: "The region's lawful-access register (compliance officers), newest received first.",
    auth: "required",
    query: requestsQuery,
    responses: { 200: registerView },
  },
  [`POST ${R}/lawful-access-requests`]: {
    summary:
      "A compliance officer records a government or law-enforcement request: authority, jurisdiction, instrument, kind, data classes, tenants, notification or its legal prohibition.",
    auth: "required",
    body: recordBody,
    responses: { 201: requestView },
  },
  [`GET ${R}/lawful-access-requests/{id}`]: {
    summary: "One request of the register.",
    auth: "required",
    params: requestParams,
    responses: { 200: requestView },
  },
  [`PATCH ${R}/lawful-access-requests/{id}`]: {
    summary:
      "A compliance officer edits an open request (e.g. records the response, the notification, or lifts a prohibition).",
    auth: "required",
    params: requestParams,
    body: updateBody,
    responses: { 200: requestView },
  },
  [`POST ${R}/lawful-access-requests/{id}/close`]: {
    summary:
      "A compliance officer who did not record the request closes it with its disposition and a rationale (four eyes).",
    auth: "required",
    params: requestParams,
    body: closeBody,
    responses: { 200: requestView },
  },
  ["GET /api/v1/tenants/{tenant}/lawful-access-requests"]: {
    summary: "The requests that concern the tenant, unless a legal prohibition on telling it holds (customer admins).",
    auth: "required",
    params: tenantParams,
    responses: { 200: tenantRequestsView },
  },
});
