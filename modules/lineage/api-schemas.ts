/**
 * The lineage module's API contract: the tenant's lineage graph, OpenLineage ingest and the
 * custom facets' JSON Schemas. Pure: shared by the route handlers and the OpenAPI generator.
 */
import { z } from "zod";
import { defineOperations, instant } from "@/platform/http/openapi-spec";
import { tenantParams } from "@/platform/http/params";
import { queryInt } from "@/platform/schema/query";
import { safeText } from "@/platform/schema/safe-text";
import { MAX_DEPTH } from "@/modules/lineage/domain/graph";
import { OUTCOMES } from "@/modules/lineage/domain/evaluation";
import { LINEAGE_ACTIONS } from "@/modules/lineage/domain/actions";

export { tenantParams };

export const lineageQuery = z
  .object({
    /** A dataset or job id: answer with its neighbourhood (and its nodes' facets) only. */
    focus: z.uuid("focus must be the id of a dataset or job").optional(),
    /** Hops from the focus over input and output edges (1..10). */
    depth: queryInt(1, MAX_DEPTH).optional(),
    /** full (the default): every node and edge; summary: regions, cross-border pairs, totals and findings only, with `nodes: []` and `edges: []`. */
    view: z.enum(["full", "summary"], "view must be full or summary").optional(),
  })
  .strict()
  .refine((q) => q.depth === undefined || q.focus !== undefined, { message: "depth needs a focus", path: ["depth"] })
  .refine((q) => q.view !== "summary" || q.focus === undefined, {
    message: "a summary has no nodes to focus on: drop focus, or ask for view=full",
    path: ["view"],
  });

export const facetParams = z.object({ facet: safeText().max(200), version: safeText().max(200) });

/** OpenLineage RunEvents, DatasetEvents and JobEvents (spec 2-0-x): one, or an array of up to 500; validated in modules/lineage/domain. */
export const openLineageBody = z.union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))]);

export const lineageIngestResult = z
  .object({
    /** Events in the request. */
    received: z.number().int(),
    /** Events new to this region (the others were sent before: idempotent). */
    stored: z.number().int(),
    duplicates: z.number().int(),
    datasets_created: z.number().int(),
    edges_created: z.number().int(),
    alerts_raised: z.number().int(),
  })
  .strict();

const outcome = z.enum(OUTCOMES);

const graphNode = z
  .object({
    id: z.string(),
    kind: z.enum(["dataset", "job"]),
    namespace: z.string(),
    name: z.string(),
    region: z.string().nullable(),
    /** facet | rule | unknown for datasets; derived for jobs. */
    region_source: z.string(),
    subprocessor: z.string().nullable(),
    form: z.string().nullable(),
    data_classes: z.array(z.string()),
    first_seen: instant,
    last_seen: instant,
    events: z.number().int(),
    runs: z.number().int().nullable(),
    /** With a focus: the node's facets. */
    facets: z.record(z.string(), z.json()).optional(),
  })
  .strict();

/** A review item of the region's compliance queue (modules/reviews). */
const reviewItemRef = z
  .object({ id: z.string(), state: z.enum(["open", "in_review", "resolved", "dismissed"]) })
  .strict();

const flowEvaluation = z
  .object({
    outcome,
    crossing: z.string().nullable(),
    data_classes: z.array(z.string()),
    form: z.string().nullable(),
    reason: z.string().nullable(),
    /** The decisions applied, as the sharing evaluation names them. */
    decisions: z.json(),
    evaluated_at: instant.nullable(),
    /** A violation: the review item its latest border alert opened; null otherwise. */
    review_item: reviewItemRef.nullable(),
  })
  .strict();

const violationEnd = z
  .object({
    id: z.string(),
    namespace: z.string(),
    name: z.string(),
    region: z.string().nullable(),
    subprocessor: z.string().nullable(),
  })
  .strict();

/** A flow judged a violation now: its datasets, its evaluation and its review item. */
const violation = z
  .object({
    edge: z.string(),
    source: violationEnd,
    target: violationEnd,
    count: z.number().int(),
    last_seen: instant,
    evaluation: flowEvaluation,
  })
  .strict();

const graphEdge = z
  .object({
    id: z.string(),
    kind: z.enum(["input", "output", "flow"]),
    source: z.string(),
    target: z.string(),
    count: z.number().int(),
    first_seen: instant,
    last_seen: instant,
    /** Flows: their own evaluation, in full. Job edges: the outcome of the worst flow through them, alone. */
    evaluation: z.union([flowEvaluation, z.object({ outcome }).strict()]),
  })
  .strict();

export const tenantLineage = z
  .object({
    tenant: z.string(),
    generated_at: instant,
    view: z.enum(["full", "summary"]),
    nodes: z.array(graphNode),
    edges: z.array(graphEdge),
    regions: z.array(
      z
        .object({
          region: z.string().nullable(),
          datasets: z.number().int(),
          jobs: z.number().int(),
          data_classes: z.array(z.string()),
          subprocessors: z.array(z.string()),
        })
        .strict(),
    ),
    cross_border: z.array(
      z
        .object({
          from: z.string().nullable(),
          to: z.string().nullable(),
          flows: z.number().int(),
          observations: z.number().int(),
          outcomes: z
            .object({
              allowed: z.number().int(),
              allowed_with_condition: z.number().int(),
              violation: z.number().int(),
              unknown_region: z.number().int(),
            })
            .strict(),
          worst: outcome,
          data_classes: z.array(z.string()),
          subprocessors: z.array(z.string()),
        })
        .strict(),
    ),
    truncated: z.boolean(),
    totals: z.object({ nodes: z.number().int(), edges: z.number().int(), in_region_flows: z.number().int() }).strict(),
    focus: z.string().nullable(),
    depth: z.number().int().nullable(),
    findings: z
      .object({
        unknown_region_datasets: z.number().int(),
        open_alerts: z.object({ border_violation: z.number().int(), region_unknown: z.number().int() }).strict(),
        /** Flows judged a violation now, newest sighting first, at most 50 (in both views). */
        violations: z.array(violation),
      })
      .strict(),
    limits: z.object({ max_nodes: z.number().int() }).strict(),
    /** The tenant's data classes: the name to show for each key. */
    data_classes: z.array(z.object({ key: z.string(), name: z.string() }).strict()),
    /** What the caller may do from a violation, decided by the policy. */
    allowed_actions: z.array(z.enum(LINEAGE_ACTIONS)),
  })
  .strict();

export const lineageOperations = defineOperations("lineage", {
  "GET /api/v1/tenants/{tenant}/lineage": {
    summary: "The tenant's lineage graph, whole, around a focus, or as a summary.",
    auth: "required",
    params: tenantParams,
    query: lineageQuery,
    responses: { 200: tenantLineage },
  },
  "POST /api/v1/ingest/openlineage": {
    summary: "OpenLineage events from the data plane: one, or an array of up to 500 (4 MiB).",
    auth: "ingest",
    body: openLineageBody,
    responses: { 200: lineageIngestResult },
  },
  "GET /api/v1/openlineage/facets/{facet}/{version}": {
    summary: "The JSON Schema of a Terrane custom OpenLineage facet (e.g. terrane_residency/1-0-0.json); immutable.",
    auth: "none",
    params: facetParams,
    cacheable: true,
    responses: { 200: { contentType: "application/schema+json", description: "A JSON Schema document." } },
  },
});
