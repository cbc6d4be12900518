/**
 * The register as one tenant sees it (which of its data classes each subprocessor touches and
 * whether a decision allows it), the tenant's objections to announced changes, and the region's
 * objection queue for compliance officers. Pure, so route handlers and the OpenAPI generator share them.
 */
import { z } from "zod";
import { safeText } from "@/platform/schema/safe-text";
import { defineOperations, instant } from "@/platform/http/openapi-spec";
import { tenantParams } from "@/platform/http/params";
import { CHANGE_KINDS, CHANGE_STATES, OBJECTION_OUTCOMES, paragraph } from "@/modules/subprocessors/domain/model";
import { IMPACT_SOURCES } from "@/modules/subprocessors/domain/impact";
import { OBJECTION_STATES } from "@/modules/subprocessors/domain/objection";
import { entryView, fieldDiffView } from "@/modules/subprocessors/api-schemas/register";

const person = z.object({ id: z.string(), name: z.string() });

export const locationCheckView = z.object({
  /** ISO 3166-1 alpha-2 country where the subprocessor processes. */
  location: z.string(),
  location_name: z.string(),
  allowed: z.boolean(),
  /** "not_a_transfer": the country is the home region's own, no decision is needed. */
  outcome: z.enum(["allowed", "allowed_with_condition", "violation", "not_a_transfer"]),
  condition: z.enum(["pseudonymised", "aggregate"]).nullable(),
  /** The decision that allows it (or explicitly denies it); null for the default deny. */
  decision: z.object({ id: z.string(), label: z.string() }).nullable(),
  reason: z.string(),
});

export const touchedClassView = z.object({
  key: z.string(),
  name: z.string(),
  sensitivity: z.string(),
  /** register: the register lists it and the tenant holds it; lineage: the tenant's flows reach the subprocessor's datasets with it; decision: a decision names the subprocessor for it. */
  sources: z.array(z.enum(IMPACT_SOURCES)),
  allowed: z.boolean(),
  checks: z.array(locationCheckView),
  /** Destinations that would need a decision, e.g. "Acme Mail (subprocessor, US)". */
  missing: z.array(z.string()),
});

export const impactView = z.object({
  touches: z.boolean(),
  flagged: z.boolean(),
  data_classes: z.array(touchedClassView),
  lineage: z.object({ flows: z.number().int(), datasets: z.number().int() }),
});
export type ImpactView = z.infer<typeof impactView>;

export const objectionView = z.object({
  id: z.string(),
  tenant: z.object({ slug: z.string(), name: z.string() }),
  change_id: z.string(),
  subprocessor_id: z.string(),
  subprocessor_name: z.string(),
  change_kind: z.enum(CHANGE_KINDS),
  change_state: z.enum(CHANGE_STATES),
  change_effective_at: instant.nullable(),
  reason: z.string(),
  state: z.enum(OBJECTION_STATES),
  raised_by: person,
  created_at: instant,
  /** When compliance must have resolved it. */
  due_at: instant,
  /** Open past its due date (on the database's clock). */
  overdue: z.boolean(),
  outcome: z.enum(OBJECTION_OUTCOMES).nullable(),
  outcome_label: z.string().nullable(),
  resolution: z.string().nullable(),
  resolved_by: person.nullable(),
  resolved_at: instant.nullable(),
});
export type ObjectionView = z.infer<typeof objectionView>;

export const impactEntryView = entryView.extend({ impact: impactView });

export const upcomingChangeView = z.object({
  change_id: z.string(),
  subprocessor_id: z.string(),
  name: z.string(),
  kind: z.enum(CHANGE_KINDS),
  kind_label: z.string(),
  effective_at: instant,
  before: entryView.nullable(),
  after: entryView,
  diff: z.array(fieldDiffView),
  /** Judged on the entry as it will be, at its effective date. A retirement flags nothing. */
  impact: impactView,
  /** The tenant's objection to it, if any. */
  objection: objectionView.nullable(),
  allowed_actions: z.array(z.enum(["object"])),
});

export const tenantSubprocessorsView = z.object({
  tenant: z.object({ slug: z.string(), name: z.string(), home_region: z.string() }),
  region: z.string(),
  now: instant,
  subprocessors: z.array(impactEntryView),
  changes: z.array(upcomingChangeView),
  objections: z.array(objectionView),
  /** How long the region's compliance officers have to resolve an objection, in days. */
  objection_days: z.number().int(),
  /** The tenant's data classes (catalogue and its own), to name keys in diffs. */
  data_classes: z.array(z.object({ key: z.string(), name: z.string(), sensitivity: z.string() })),
  /** "object": the caller may object to an announced change (customer admins). */
  allowed_actions: z.array(z.enum(["object"])),
});
export type TenantSubprocessorsView = z.infer<typeof tenantSubprocessorsView>;

export const objectionBody = z.strictObject({
  change_id: safeText().max(64),
  reason: paragraph(4000),
});

export const objectionList = z.object({ objections: z.array(objectionView) });

export const regionObjectionsQuery = z.object({ state: z.enum(OBJECTION_STATES).optional() });
export const regionObjectionsView = z.object({
  region: z.string(),
  now: instant,
  objections: z.array(objectionView),
  /** "resolve": the caller may resolve open objections (compliance officers). */
  allowed_actions: z.array(z.enum(["resolve"])),
});
export type RegionObjectionsView = z.infer<typeof regionObjectionsView>;

export const objectionParams = z.object({ id: safeText().max(64) });
export const resolveBody = z.strictObject({
  outcome: z.enum(OBJECTION_OUTCOMES),
  resolution: paragraph(4000),
});

const T = "/api/v1/tenants/{tenant}";

export const tenantSubprocessorOperations = defineOperations("subprocessors", {
  [`GET ${T}/subprocessors`]: {
    summary:
      "The tenant's impact view: every active subprocessor and announced change of the region, which of the tenant's data classes each touches and whether a decision allows it; the tenant's objections.",
    auth: "required",
    params: tenantParams,
    responses: { 200: tenantSubprocessorsView },
  },
  [`GET ${T}/subprocessor-objections`]: {
    summary: "The tenant's objections to subprocessor changes, with their outcome and who resolved them.",
    auth: "required",
    params: tenantParams,
    responses: { 200: objectionList },
  },
  [`POST ${T}/subprocessor-objections`]: {
    summary: "A customer admin objects to an announced change during its notice period, with a reason.",
    auth: "required",
    params: tenantParams,
    body: objectionBody,
    responses: { 201: objectionView },
  },
  ["GET /api/v1/region/subprocessor-objections"]: {
    summary: "The region's objections (open first, oldest due first) for compliance officers and provider admins.",
    auth: "required",
    query: regionObjectionsQuery,
    responses: { 200: regionObjectionsView },
  },
  ["POST /api/v1/region/subprocessor-objections/{id}/resolve"]: {
    summary: "A compliance officer resolves an objection with an outcome and a written resolution.",
    auth: "required",
    params: objectionParams,
    body: resolveBody,
    responses: { 200: objectionView },
  },
});
