import { createHash } from "node:crypto";
import { unsafeTextReason } from "@/platform/schema/json-scan";
import type { z } from "zod";
import { canonicalJson } from "@/modules/audit/domain/canonical-json";
import { BadRequestError } from "@/platform/errors";
import {
  EVENT_SCHEMAS,
  checkSpecUrl,
  eventKindOf,
  type DatasetInput,
  type EventKind,
  type JobInput,
  type RunEventType,
} from "@/modules/lineage/domain/openlineage-schema";
import { tenantByRules, type CompiledRule } from "@/modules/lineage/domain/namespace-rules";
import type { ResidencyFacet } from "@/modules/lineage/domain/terrane-facets";

/** At most this many events per request: a batch is one transaction. */
export const MAX_BATCH_EVENTS = 500;

export interface LineageDatasetRef {
  namespace: string;
  name: string;
  facets: Record<string, unknown>;
  residency: ResidencyFacet | null;
  /** JSON path of the dataset in the request, for precise refusals later (unknown data class). */
  path: string;
}

export interface LineageEventIn {
  index: number;
  /** SHA-256 (hex) of the event's RFC 8785 canonical JSON: the same event always has the same key. */
  key: string;
  kind: EventKind;
  eventType: RunEventType | null;
  eventTime: Date;
  tenant: string;
  /** How the event was attributed to its tenant, and where in the request (for precise refusals). */
  tenantFrom: TenantSource;
  runId: string | null;
  job: { namespace: string; name: string; facets: Record<string, unknown> } | null;
  inputs: LineageDatasetRef[];
  outputs: LineageDatasetRef[];
  dataset: LineageDatasetRef | null;
  raw: unknown;
}

/**
 * Who named an event's tenant: its `terrane_tenant` facet (`path`: the facet's `tenant`), the
 * ingest token it came with (bound to the tenant; `path`: the event), or a job-namespace rule
 * (`rule`: its position in the region's namespace rules; `path`: the job's namespace).
 */
export type TenantSource =
  { by: "facet"; path: string } | { by: "token"; path: string } | { by: "rule"; rule: number; path: string };

/** How an event's tenant was named, for a refusal's sentence: nothing for a facet (it says so itself). */
export function attributionWords(from: TenantSource): string {
  switch (from.by) {
    case "facet":
      return "";
    case "rule":
      return ` (named by namespace rule [${from.rule}] for the job's namespace)`;
    case "token":
      return " (the tenant its ingest token is bound to)";
  }
}

/**
 * How events without a `terrane_tenant` facet are attributed: the tenant the ingest token is
 * bound to (slug), else the region's job-namespace rules. Neither: refused (fail closed).
 */
export interface Attribution {
  boundTenant: string | null;
  rules: readonly CompiledRule[];
}

export const UNATTRIBUTED: Attribution = { boundTenant: null, rules: [] };

const MISSING_TENANT =
  'is missing, and nothing else names the tenant. Attribute the event in one of three ways: a terrane_tenant facet ({ "_producer", "_schemaURL", "tenant": "<slug>" }); an ingest token bound to the tenant (POST /api/v1/region/ingest-tokens with "tenant"); or a namespace rule naming the tenant for the job\'s namespace (LINEAGE_NAMESPACE_RULES_JSON: { "match": "<job namespace glob>", "tenant": "<slug>" })';

export interface EventProblem {
  index: number;
  path: string;
  message: string;
}

/** `$[3].inputs[0].facets["my key"]`: where in the request body a problem is. */
export function jsonPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, seg) => {
    if (typeof seg === "number") return `${acc}[${seg}]`;
    const s = String(seg);
    return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) ? `${acc}.${s}` : `${acc}[${JSON.stringify(s)}]`;
  }, root);
}

function refuse(problems: EventProblem[], code = "invalid_event"): never {
  const first = problems[0]!;
  throw new BadRequestError(`Event ${first.index} (${first.path}): ${first.message}`, code, {
    index: first.index,
    path: first.path,
    errors: problems.slice(0, 20),
  });
}

export function eventKey(raw: unknown): string {
  return createHash("sha256").update(canonicalJson(raw)).digest("hex");
}

/**
 * Where a NUL character or an unpaired surrogate hides, if anywhere: PostgreSQL's jsonb
 * cannot hold either, so they are refused. (The body's depth is bounded at the HTTP boundary.)
 */
function nulAt(value: unknown, path: PropertyKey[] = []): PropertyKey[] | null {
  if (typeof value === "string") return unsafeTextReason(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulAt(value[i], [...path, i]);
      if (found) return found;
    }
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (unsafeTextReason(k)) return [...path, k];
      const found = nulAt(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function datasetRef(d: DatasetInput, path: string): LineageDatasetRef {
  const facets = (d.facets ?? {}) as Record<string, unknown>;
  return { namespace: d.namespace, name: d.name, facets, residency: d.facets?.terrane_residency ?? null, path };
}

/**
 * Which tenant an event belongs to. A `terrane_tenant` facet must agree with a bound token (a
 * token bound to one tenant never reports for another); without a facet the bound token names
 * it, else the first job-namespace rule that matches; nothing: refused, missing_tenant_facet.
 */
function attribute(
  index: number,
  root: string,
  e: { job?: JobInput; dataset?: DatasetInput },
  attribution: Attribution,
): { tenant: string; from: TenantSource } {
  // A DatasetEvent has no job, so its dataset names the tenant itself.
  const facetPath = e.job ? `${root}.job.facets.terrane_tenant` : `${root}.dataset.facets.terrane_tenant`;
  const facet = e.job ? e.job.facets?.terrane_tenant?.tenant : e.dataset?.facets?.terrane_tenant?.tenant;
  const bound = attribution.boundTenant;
  if (facet && bound && facet !== bound) {
    refuse(
      [
        {
          index,
          path: `${facetPath}.tenant`,
          message: `names ${facet}, but this ingest token is bound to ${bound}: a bound token reports for its own tenant only`,
        },
      ],
      "token_tenant_mismatch",
    );
  }
  if (facet) return { tenant: facet, from: { by: "facet", path: `${facetPath}.tenant` } };
  if (bound) return { tenant: bound, from: { by: "token", path: root } };
  const byRule = e.job ? tenantByRules(e.job.namespace, attribution.rules) : null;
  if (byRule) return { tenant: byRule.tenant, from: { by: "rule", rule: byRule.rule, path: `${root}.job.namespace` } };
  refuse([{ index, path: facetPath, message: MISSING_TENANT }], "missing_tenant_facet");
}

/**
 * One event: the spec's required fields and types, the 2-0-x schemaURL, its tenant (by facet,
 * bound token or job-namespace rule), and one tenant per event. Refuses with the event's index
 * and the JSON path of the first problem.
 */
export function parseEvent(
  value: unknown,
  index: number,
  root: string,
  attribution: Attribution = UNATTRIBUTED,
): LineageEventIn {
  if (!isObject(value))
    refuse([{ index, path: root, message: "must be a JSON object (a RunEvent, DatasetEvent or JobEvent)" }]);
  const nul = nulAt(value);
  if (nul)
    refuse([
      {
        index,
        path: jsonPath(root, nul),
        message: "must not contain a NUL character (U+0000) or an unpaired surrogate",
      },
    ]);
  const spec = checkSpecUrl(value.schemaURL);
  if (!spec.ok) refuse([{ index, path: `${root}.schemaURL`, message: spec.message }]);
  const kind = eventKindOf(value, spec.kind);
  if (!kind)
    refuse([
      {
        index,
        path: root,
        message: "is no OpenLineage event: a RunEvent has run and job, a DatasetEvent has dataset, a JobEvent has job",
      },
    ]);
  const parsed = (EVENT_SCHEMAS[kind] as z.ZodType).safeParse(value);
  if (!parsed.success) {
    refuse(parsed.error.issues.map((i) => ({ index, path: jsonPath(root, i.path), message: i.message })));
  }
  const e = parsed.data as {
    eventTime: string;
    eventType?: RunEventType;
    run?: { runId: string };
    job?: JobInput;
    dataset?: DatasetInput;
    inputs?: DatasetInput[];
    outputs?: DatasetInput[];
  };

  const dataset = e.dataset ? datasetRef(e.dataset, `${root}.dataset`) : null;
  const inputs = (e.inputs ?? []).map((d, i) => datasetRef(d, `${root}.inputs[${i}]`));
  const outputs = (e.outputs ?? []).map((d, i) => datasetRef(d, `${root}.outputs[${i}]`));
  const { tenant, from: tenantFrom } = attribute(index, root, e, attribution);
  for (const d of [...inputs, ...outputs]) {
    const other = (d.facets.terrane_tenant as { tenant?: string } | undefined)?.tenant;
    if (other && other !== tenant) {
      refuse(
        [
          {
            index,
            path: `${d.path}.facets.terrane_tenant.tenant`,
            message: `names ${other}, but the event belongs to ${tenant}${attributionWords(tenantFrom)}: one event, one tenant`,
          },
        ],
        "tenant_mismatch",
      );
    }
  }
  return {
    index,
    key: eventKey(value),
    kind,
    eventType: e.eventType ?? null,
    eventTime: new Date(e.eventTime),
    tenant,
    tenantFrom,
    runId: kind === "RunEvent" ? e.run!.runId.toLowerCase() : null,
    job: e.job
      ? { namespace: e.job.namespace, name: e.job.name, facets: (e.job.facets ?? {}) as Record<string, unknown> }
      : null,
    inputs,
    outputs,
    dataset,
    raw: value,
  };
}

/** The request body: one event or an array of 1 to MAX_BATCH_EVENTS. All or nothing. */
export function parseOpenLineageBody(body: unknown, attribution: Attribution = UNATTRIBUTED): LineageEventIn[] {
  if (!Array.isArray(body)) return [parseEvent(body, 0, "$", attribution)];
  if (body.length === 0)
    throw new BadRequestError(
      `The batch is empty: send one event, or an array of 1 to ${MAX_BATCH_EVENTS}.`,
      "empty_batch",
    );
  if (body.length > MAX_BATCH_EVENTS) {
    throw new BadRequestError(
      `The batch holds ${body.length} events; send at most ${MAX_BATCH_EVENTS} per request.`,
      "batch_too_large",
      { max_events: MAX_BATCH_EVENTS },
    );
  }
  return body.map((v, i) => parseEvent(v, i, `$[${i}]`, attribution));
}
