/**
 * The sharing module's API contract: request and response schemas of the data-class and
 * sharing-decision routes. The request schemas live in domain/input.ts (the decision editor
 * checks drafts with them too); this file names them per route beside the response schemas.
 */
import { z } from "zod";
import { defineOperations, instant } from "@/platform/http/openapi-spec";
import { tenantParams } from "@/platform/http/params";
import { STEP_RULES, type StepName } from "@/modules/sharing/domain/steps";
import {
  createDataClassBody,
  createDecisionBody,
  decisionParams,
  editDecisionBody,
  listDecisionsQuery,
  matrixQuery,
  reasonBody,
  stepQuery,
} from "@/modules/sharing/domain/input";
import {
  DESTINATION_KINDS,
  LEGAL_BASES,
  OUTCOMES,
  STORED_STATUSES,
  VERSION_STATES,
} from "@/modules/sharing/domain/model";

export {
  createDataClassBody,
  createDecisionBody,
  decisionParams,
  editDecisionBody,
  listDecisionsQuery,
  matrixQuery,
  reasonBody,
  stepQuery,
  tenantParams,
};

const sensitivity = z.enum(["restricted", "confidential", "public"]);

export const dataClassView = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    sensitivity,
    /** "catalogue": the default every tenant starts from; "tenant": added for this tenant. */
    source: z.enum(["catalogue", "tenant"]),
    created_at: instant,
  })
  .strict();
export const dataClassList = z.object({ tenant: z.string(), data_classes: z.array(dataClassView) }).strict();
export const createdDataClass = z.object({ data_class: dataClassView }).strict();

export const destinationView = z
  .object({
    kind: z.enum(DESTINATION_KINDS),
    /** Region id, partner name or subprocessor name. */
    id: z.string(),
    /** A region id or an ISO 3166-1 alpha-2 country code; null: not stated. */
    location: z.string().nullable(),
    key: z.string(),
    label: z.string(),
  })
  .strict();

export const versionView = z
  .object({
    id: z.string(),
    version: z.number().int(),
    state: z.enum(VERSION_STATES),
    status: z.enum(STORED_STATUSES),
    outcome: z.enum(OUTCOMES),
    legal_basis: z.enum(LEGAL_BASES).nullable(),
    tia_ref: z.string().nullable(),
    dpa_clause: z.string().nullable(),
    effective_from: instant,
    effective_to: instant.nullable(),
    notes: z.string(),
    /** SHA-256 of the data class, destination and this content (RFC 8785 JSON): what a step may pin. */
    content_digest: z.string(),
    in_force_from: instant.nullable(),
    in_force_until: instant.nullable(),
    author_id: z.string(),
    submitted_at: instant.nullable(),
    reviewed_by_id: z.string().nullable(),
    reviewed_at: instant.nullable(),
    accepted_by_id: z.string().nullable(),
    accepted_at: instant.nullable(),
    withdrawn_at: instant.nullable(),
    created_at: instant,
    updated_at: instant,
  })
  .strict();

export const decisionSummary = z
  .object({
    id: z.string(),
    data_class: z
      .object({ key: z.string(), name: z.string().nullable(), sensitivity: sensitivity.nullable() })
      .strict(),
    destination: destinationView,
    /** What applies now: the in-force version's outcome, or the default deny. */
    effective_outcome: z.enum(OUTCOMES),
    in_force: versionView.nullable(),
    /** The version in the workflow (draft, in review, approved), if any. */
    pending: versionView.nullable(),
    version_count: z.number().int(),
    created_at: instant,
  })
  .strict();

const eventView = z
  .object({
    at: instant,
    type: z.string(),
    actor: z.object({ id: z.string(), name: z.string().nullable(), role: z.string() }).strict(),
    reason: z.string().nullable(),
  })
  .strict();

const versionDiff = z
  .object({
    changes: z.array(
      z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() }).strict(),
    ),
    summary: z.array(z.string()),
  })
  .strict();

/** One decision with every version (newest first), each with its diff from the one before and its steps. */
export const decisionDetail = decisionSummary
  .extend({
    versions: z.array(versionView.extend({ diff: versionDiff, events: z.array(eventView) }).strict()),
    /** The workflow steps (and `edit`, `propose`) the caller may take now: state rules, role and four eyes. */
    allowed_actions: z.array(z.enum([...(Object.keys(STEP_RULES) as StepName[]), "edit", "propose"])),
    /** True when the caller reviews this tenant's decisions but contributed to the version under review. */
    four_eyes: z.boolean(),
  })
  .strict();

export const decisionList = z
  .object({
    tenant: z.string(),
    at: instant,
    default_outcome: z.literal("deny"),
    decisions: z.array(decisionSummary),
    /** `decisions.draft`, `decisions.review`, `decisions.accept`: what the policy allows the caller here. */
    allowed_actions: z.array(z.string()),
  })
  .strict();

export const sharingMatrix = z
  .object({
    tenant: z.string(),
    home_region: z.string(),
    at: instant,
    default_outcome: z.literal("deny"),
    data_classes: z.array(dataClassView),
    destinations: z.array(destinationView),
    rows: z.array(
      z
        .object({
          data_class: z.string(),
          cells: z.array(
            z
              .object({
                destination: z.string(),
                outcome: z.enum(OUTCOMES),
                /** True when no decision is in force: the DPA's default deny applies. */
                default: z.boolean(),
                decision_id: z.string().nullable(),
                version: z.number().int().nullable(),
                legal_basis: z.enum(LEGAL_BASES).nullable(),
                in_force_until: instant.nullable(),
                pending: z
                  .object({ decision_id: z.string(), version: z.number().int(), state: z.enum(VERSION_STATES) })
                  .strict()
                  .nullable(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();

const csv = { contentType: "text/csv", description: "`?format=csv`: one row per version in force (or in `?status=`)." };
const cedar = { contentType: "text/plain", description: "The Cedar policy text." };

const step = (summary: string, body?: z.ZodType) => ({
  summary,
  auth: "required" as const,
  params: decisionParams,
  query: stepQuery,
  ...(body ? { body } : {}),
  responses: { 200: decisionDetail },
});

export const sharingOperations = defineOperations("sharing", {
  "GET /api/v1/tenants/{tenant}/data-classes": {
    summary: "The tenant's data classes (default catalogue plus its own) with their stable keys.",
    auth: "required",
    params: tenantParams,
    responses: { 200: dataClassList },
  },
  "POST /api/v1/tenants/{tenant}/data-classes": {
    summary: "Adds a tenant data class: customer admins and compliance officers.",
    auth: "required",
    params: tenantParams,
    body: createDataClassBody,
    responses: { 201: createdDataClass },
  },
  "GET /api/v1/tenants/{tenant}/decisions": {
    summary: "The tenant's sharing decisions with what is in force and what is pending; or CSV.",
    auth: "required",
    params: tenantParams,
    query: listDecisionsQuery,
    responses: { 200: [decisionList, csv] },
  },
  "POST /api/v1/tenants/{tenant}/decisions": {
    summary: "A new decision as a draft: customer admins and compliance officers.",
    auth: "required",
    params: tenantParams,
    body: createDecisionBody,
    responses: { 201: decisionDetail },
  },
  "GET /api/v1/tenants/{tenant}/decisions/{decision}": {
    summary: "One decision with every version, the diff between versions and each workflow step.",
    auth: "required",
    params: decisionParams,
    responses: { 200: decisionDetail },
  },
  "PATCH /api/v1/tenants/{tenant}/decisions/{decision}": step(
    "Edits the draft, or starts a new draft version of an accepted decision.",
    editDecisionBody,
  ),
  "POST /api/v1/tenants/{tenant}/decisions/{decision}/submit": step("Sends the draft to compliance review."),
  "POST /api/v1/tenants/{tenant}/decisions/{decision}/approve": step(
    "Approves the version in review: a compliance officer who neither wrote nor edited it (four eyes).",
  ),
  "POST /api/v1/tenants/{tenant}/decisions/{decision}/reject-review": step(
    "Sends the version in review back to draft with a reason.",
    reasonBody,
  ),
  "POST /api/v1/tenants/{tenant}/decisions/{decision}/accept": step(
    "Accepts the approved version for the tenant; in force from its effective date.",
  ),
  "POST /api/v1/tenants/{tenant}/decisions/{decision}/reject": step(
    "Sends the approved version back to draft with a reason: customer admins.",
    reasonBody,
  ),
  "POST /api/v1/tenants/{tenant}/decisions/{decision}/withdraw": step(
    "Withdraws the version in the workflow (kept in the history).",
  ),
  "GET /api/v1/tenants/{tenant}/decisions/matrix": {
    summary: "Data classes × destinations with the outcome in force (deny by default), at `?at=` or now.",
    auth: "required",
    params: tenantParams,
    query: matrixQuery,
    responses: { 200: sharingMatrix },
  },
  "GET /api/v1/tenants/{tenant}/decisions/policy": {
    summary: "The Cedar policy compiled from the accepted decisions, as the region evaluates flows with it.",
    auth: "required",
    params: tenantParams,
    responses: { 200: cedar },
  },
});
