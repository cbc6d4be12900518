import { z } from "zod";
import { isStorableInstant } from "@/platform/schema/query";
import { residencyFacetSchema, tenantFacetSchema } from "@/modules/lineage/domain/terrane-facets";

/**
 * The OpenLineage 2-0-x event model (https://openlineage.io/spec/2-0-2/OpenLineage.json), as
 * zod schemas: BaseEvent (eventTime, producer, schemaURL), RunEvent, DatasetEvent and JobEvent,
 * with their runs, jobs, datasets and facets. Unknown members are allowed, as the spec allows
 * them (the raw event is kept as sent); what the spec requires is required here.
 */

export const RUN_EVENT_TYPES = ["START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"] as const;
export type RunEventType = (typeof RUN_EVENT_TYPES)[number];
export type EventKind = "RunEvent" | "DatasetEvent" | "JobEvent";

// Names are the spec's free-form strings; the bounds only keep one event from filling a register.
const MAX_NAME = 1_024;
const MAX_FACETS = 100;
const MAX_DATASETS = 1_000;

/** `format: uri` in the spec: an absolute URI (a scheme, then something). */
export const uri = z
  .string()
  .max(2_048, "must be at most 2048 characters")
  .refine((s) => /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(s) && URL.canParse(s), "must be an absolute URI");

/** `format: date-time` (RFC 3339): a date, a time and an offset or Z. */
const dateTime = z.iso
  .datetime({ offset: true, error: "must be an RFC 3339 date-time with an offset, e.g. 2026-01-31T12:00:00Z" })
  .refine((s) => isStorableInstant(new Date(s)), "must be a date between the years 0001 and 9999");

const name = (what: string) =>
  z
    .string({ error: `must be the ${what} (a string)` })
    .min(1, `${what} must not be empty`)
    .max(MAX_NAME)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), `${what} must not contain control characters`);

/** BaseFacet: every facet names its producer and the versioned schema it follows. */
export const baseFacet = z.looseObject({ _producer: uri, _schemaURL: uri });
/** JobFacet and DatasetFacet add `_deleted`. */
const deletableFacet = z.looseObject({ _producer: uri, _schemaURL: uri, _deleted: z.boolean().optional() });

const facetsOf = <S extends z.ZodType>(facet: S) =>
  z
    .record(z.string().min(1).max(200), facet)
    .refine((f) => Object.keys(f).length <= MAX_FACETS, `at most ${MAX_FACETS} facets`);

const jobFacets = z
  .looseObject({ terrane_tenant: tenantFacetSchema.optional() })
  .catchall(deletableFacet)
  .refine((f) => Object.keys(f).length <= MAX_FACETS, `at most ${MAX_FACETS} facets`);

const datasetFacets = z
  .looseObject({ terrane_residency: residencyFacetSchema.optional(), terrane_tenant: tenantFacetSchema.optional() })
  .catchall(deletableFacet)
  .refine((f) => Object.keys(f).length <= MAX_FACETS, `at most ${MAX_FACETS} facets`);

export const runSchema = z.looseObject({
  runId: z.uuid({ error: "must be a UUID" }),
  facets: facetsOf(baseFacet).optional(),
});

export const jobSchema = z.looseObject({
  namespace: name("job namespace"),
  name: name("job name"),
  facets: jobFacets.optional(),
});

export const datasetSchema = z.looseObject({
  namespace: name("dataset namespace"),
  name: name("dataset name"),
  facets: datasetFacets.optional(),
});
const inputDataset = datasetSchema.extend({ inputFacets: facetsOf(baseFacet).optional() });
const outputDataset = datasetSchema.extend({ outputFacets: facetsOf(baseFacet).optional() });

const baseEvent = z.looseObject({
  eventTime: dateTime,
  producer: uri,
  schemaURL: uri,
});

export const runEventSchema = baseEvent.extend({
  eventType: z.enum(RUN_EVENT_TYPES, { error: `must be one of ${RUN_EVENT_TYPES.join(", ")}` }).optional(),
  run: runSchema,
  job: jobSchema,
  inputs: z.array(inputDataset).max(MAX_DATASETS).optional(),
  outputs: z.array(outputDataset).max(MAX_DATASETS).optional(),
});

export const datasetEventSchema = baseEvent.extend({ dataset: datasetSchema });

export const jobEventSchema = baseEvent.extend({
  job: jobSchema,
  inputs: z.array(inputDataset).max(MAX_DATASETS).optional(),
  outputs: z.array(outputDataset).max(MAX_DATASETS).optional(),
});

export type RunEventInput = z.infer<typeof runEventSchema>;
export type DatasetEventInput = z.infer<typeof datasetEventSchema>;
export type JobEventInput = z.infer<typeof jobEventSchema>;
export type DatasetInput = z.infer<typeof datasetSchema>;
export type JobInput = z.infer<typeof jobSchema>;

export const EVENT_SCHEMAS = {
  RunEvent: runEventSchema,
  DatasetEvent: datasetEventSchema,
  JobEvent: jobEventSchema,
} as const;

/**
 * `schemaURL` must name the 2-0-x core spec; a fragment, if any, names the event type
 * (`#/$defs/RunEvent`, or the older `#/definitions/RunEvent`).
 */
const SPEC_URL =
  /^https:\/\/openlineage\.io\/spec\/(\d+)-(\d+)-(\d+)\/OpenLineage\.json(?:#\/(?:\$defs|definitions)\/(RunEvent|DatasetEvent|JobEvent))?$/;

export type SpecUrlCheck = { ok: true; kind: EventKind | null } | { ok: false; message: string };

export function checkSpecUrl(schemaURL: unknown): SpecUrlCheck {
  if (typeof schemaURL !== "string")
    return {
      ok: false,
      message:
        "is required: the OpenLineage spec URL, e.g. https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    };
  const m = SPEC_URL.exec(schemaURL);
  if (!m)
    return {
      ok: false,
      message:
        "must be the OpenLineage core spec, https://openlineage.io/spec/2-0-<patch>/OpenLineage.json, optionally with #/$defs/RunEvent, DatasetEvent or JobEvent",
    };
  if (m[1] !== "2" || m[2] !== "0")
    return { ok: false, message: `names spec ${m[1]}-${m[2]}-${m[3]}; this endpoint takes events of the 2-0-x spec` };
  return { ok: true, kind: (m[4] as EventKind | undefined) ?? null };
}

/** Which event an object is: the schemaURL's fragment when it names one, else its shape. */
export function eventKindOf(value: Record<string, unknown>, fromUrl: EventKind | null): EventKind | null {
  if (fromUrl) return fromUrl;
  if ("run" in value) return "RunEvent";
  if ("dataset" in value) return "DatasetEvent";
  if ("job" in value) return "JobEvent";
  return null;
}
