/**
 * The tenants module's API contract: the tenant overview, the switcher's and provider staff's
 * tenant lists, and the tenant's contacts. Pure: shared by the route handlers and the OpenAPI
 * generator.
 */
import { z } from "zod";
import { defineOperations, instant } from "@/platform/http/openapi-spec";
import { tenantParams } from "@/platform/http/params";
import { TENANT_ROLES } from "@/platform/policy/roles";
import { tierSchema } from "@/platform/region/tier-schema";

export { tenantParams };

const tier = tierSchema;

export const switcherTenantList = z
  .object({
    tenants: z.array(
      z
        .object({
          slug: z.string(),
          organisation: z.string(),
          home_region: z.string(),
          /** Where the tenant's pages are served: this instance, or its home region's. */
          url: z.string(),
          local: z.boolean(),
          /** The caller's role, known only for tenants homed here. */
          role: z.enum(TENANT_ROLES).nullable(),
        })
        .strict(),
    ),
  })
  .strict();

/** The actions the policy allows the caller (names as in platform/policy/policies): what the UI may offer. */
const allowedActions = z.array(z.string());

export const regionTenantList = z
  .object({
    tenants: z.array(
      z
        .object({
          slug: z.string(),
          name: z.string(),
          tier,
          organisation: z.string(),
          stores: z.number().int(),
          allowed_actions: allowedActions,
        })
        .strict(),
    ),
  })
  .strict();

const dataClassName = z.object({ key: z.string(), name: z.string(), sensitivity: z.string() }).strict();

const storeSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    engine: z.string(),
    record_count: z.number().int().nullable(),
    size_bytes: z.number().int().nullable(),
    counts_reported_at: instant.nullable(),
    data_classes: z.array(dataClassName),
  })
  .strict();

export const tenantOverview = z
  .object({
    tenant: z
      .object({
        id: z.string(),
        slug: z.string(),
        name: z.string(),
        tier,
        home_region: z.string(),
        organisation: z.object({ id: z.string(), slug: z.string(), name: z.string() }).strict(),
      })
      .strict(),
    /** Every region holding the tenant's data, by the store inventory or by lineage; the home region first. */
    regions: z.array(
      z
        .object({
          region: z.string(),
          /** The tenant's tier in this region (only its home region has one), else null. */
          tier: tier.nullable(),
          home: z.boolean(),
          stores: z.array(storeSummary),
          /** Datasets the tenant's lineage places in this region. */
          datasets: z.number().int(),
          data_classes: z.array(dataClassName),
        })
        .strict(),
    ),
    totals: z
      .object({
        stores: z.number().int(),
        records: z.number().int(),
        size_bytes: z.number().int(),
        data_classes: z.number().int(),
      })
      .strict(),
    /** Unresolved border-violation alerts: the same count as the lineage's `findings.open_alerts.border_violation`. */
    open_violations: z.number().int(),
    /** Border-crossing lineage flows by verdict. */
    border_flows: z
      .object({
        allowed: z.number().int(),
        allowed_with_condition: z.number().int(),
        unknown_region: z.number().int(),
        violation: z.number().int(),
      })
      .strict(),
    /** Datasets whose region nobody could tell. */
    unknown_region_datasets: z.number().int(),
    allowed_actions: allowedActions,
  })
  .strict();

const contact = z
  .object({
    /** What the contact is for: "security" and "privacy" are the designated contacts. */
    purpose: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
  })
  .strict();

/** Encrypted under the tenant's key: the contacts, or, while the key is not enabled, why not; never plaintext. */
export const tenantContacts = z.discriminatedUnion("available", [
  z.object({ available: z.literal(true), value: z.array(contact) }).strict(),
  z.object({ available: z.literal(false), reason: z.string(), state: z.string() }).strict(),
]);

export const tenantsOperations = defineOperations("tenants", {
  "GET /api/v1/tenants": {
    summary: "The caller's tenants here, and their organisations' tenants in other regions (with home URLs).",
    auth: "required",
    responses: { 200: switcherTenantList },
  },
  "GET /api/v1/region/tenants": {
    summary: "Provider staff: every tenant homed in this region.",
    auth: "required",
    responses: { 200: regionTenantList },
  },
  "GET /api/v1/tenants/{tenant}": {
    summary:
      "The tenant overview: tier, home region, every region holding its data (stores and lineage datasets) with its data classes, open violations.",
    auth: "required",
    params: tenantParams,
    responses: { 200: tenantOverview },
  },
  "GET /api/v1/tenants/{tenant}/contacts": {
    summary: "The tenant's contact people, encrypted under the tenant's key.",
    auth: "required",
    params: tenantParams,
    responses: { 200: tenantContacts },
  },
});
