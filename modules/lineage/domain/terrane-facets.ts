import { z } from "zod";
import { FLOW_FORMS, type FlowForm } from "@/modules/sharing/domain/model";

/**
 * Terrane's two custom OpenLineage facets, named `{prefix}_{name}` as the spec asks of custom
 * facets: `terrane_tenant` (which tenant a job, or a DatasetEvent's dataset, belongs to) and
 * `terrane_residency` (where a dataset lives and which data classes it holds). Each has a
 * versioned JSON Schema that every instance serves at
 * `/api/v1/openlineage/facets/<facet>/<version>.json`; a facet's `_schemaURL` must point at a
 * version this code understands (major version 1), on any host, because producers may use the
 * provider's canonical host rather than one region's.
 */

export const FACET_NAMES = ["terrane_tenant", "terrane_residency"] as const;
export type FacetName = (typeof FACET_NAMES)[number];
export const FACET_VERSIONS: Record<FacetName, string[]> = { terrane_tenant: ["1-0-0"], terrane_residency: ["1-0-0"] };
// The forms the sharing decisions reason about.
export const DATA_FORMS = FLOW_FORMS;
export type DataForm = FlowForm;

export const TENANT_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const REGION_ID = /^[a-z]{2,4}-[a-z]+-\d$/;
export const DATA_CLASS_KEY = /^[a-z][a-z0-9_]{0,62}$/;

/** The path a facet version is served at (relative to an instance's origin). */
export function facetSchemaPath(facet: FacetName, version = "1-0-0"): string {
  return `/api/v1/openlineage/facets/${facet}/${version}.json`;
}

const schemaUrlFor = (facet: FacetName) =>
  z
    .string()
    .max(2_048)
    .refine((s) => URL.canParse(s), "must be an absolute URI")
    .refine(
      (s) =>
        new RegExp(`^https?://[^/]+(?:/[^#?]*)?/api/v1/openlineage/facets/${facet}/1-\\d+-\\d+\\.json(?:#.*)?$`).test(
          s,
        ),
      `must point at a version 1 schema of ${facet}, e.g. https://<terrane host>${facetSchemaPath(facet)}`,
    );

const producer = z
  .string()
  .max(2_048)
  .refine((s) => /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(s) && URL.canParse(s), "must be an absolute URI");

export const tenantFacetSchema = z.looseObject({
  _producer: producer,
  _schemaURL: schemaUrlFor("terrane_tenant"),
  tenant: z
    .string({ error: "must name the tenant by its slug" })
    .regex(TENANT_SLUG, "must be a tenant slug (lower-case letters, digits and -)"),
});

export const residencyFacetSchema = z.looseObject({
  _producer: producer,
  _schemaURL: schemaUrlFor("terrane_residency"),
  region: z
    .string({ error: "must be a region id, e.g. eu-central-1" })
    .regex(REGION_ID, "must be a region id, e.g. eu-central-1"),
  dataClasses: z
    .array(z.string().regex(DATA_CLASS_KEY, "must be a data class key, e.g. customer_pii"), {
      error: "must be an array of data class keys",
    })
    .max(50, "at most 50 data classes")
    .refine((a) => new Set(a).size === a.length, "must not repeat a data class"),
  subprocessor: z.string().trim().min(1).max(200).optional(),
  form: z.enum(DATA_FORMS, { error: `must be one of ${DATA_FORMS.join(", ")}` }).optional(),
});

export type TenantFacet = z.infer<typeof tenantFacetSchema>;
export type ResidencyFacet = z.infer<typeof residencyFacetSchema>;

type JsonSchema = Record<string, unknown>;
const OL_CORE = "https://openlineage.io/spec/2-0-2/OpenLineage.json";

const tenantBody: JsonSchema = {
  type: "object",
  properties: { tenant: { description: "The tenant's slug in Terrane.", type: "string", pattern: TENANT_SLUG.source } },
  required: ["tenant"],
};

const residencyBody: JsonSchema = {
  type: "object",
  properties: {
    region: { description: "The provider region the dataset is stored in.", type: "string", pattern: REGION_ID.source },
    dataClasses: {
      description: "Keys of the tenant's data classes the dataset holds (GET /api/v1/tenants/{tenant}/data-classes).",
      type: "array",
      items: { type: "string", pattern: DATA_CLASS_KEY.source },
      uniqueItems: true,
      maxItems: 50,
    },
    subprocessor: {
      description: "The subprocessor holding the dataset, if a third party does.",
      type: "string",
      minLength: 1,
      maxLength: 200,
    },
    form: { description: "The form the data takes in this dataset.", type: "string", enum: [...DATA_FORMS] },
  },
  required: ["region", "dataClasses"],
};

/** The served JSON Schema (2020-12) of a facet version, with `$id` on the serving instance. */
export function facetJsonSchema(facet: FacetName, version: string, origin: string): JsonSchema | null {
  if (!FACET_VERSIONS[facet]?.includes(version)) return null;
  const id = `${origin}${facetSchemaPath(facet, version)}`;
  const extend = (base: string, body: JsonSchema, description: string): JsonSchema => ({
    description,
    allOf: [{ $ref: `${OL_CORE}#/$defs/${base}` }, body],
    type: "object",
  });
  const defs: Record<string, JsonSchema> =
    facet === "terrane_tenant"
      ? {
          TerraneTenantJobFacet: extend("JobFacet", tenantBody, "The Terrane tenant a job belongs to."),
          TerraneTenantDatasetFacet: extend(
            "DatasetFacet",
            tenantBody,
            "The Terrane tenant of a DatasetEvent's dataset (it has no job).",
          ),
        }
      : {
          TerraneResidencyDatasetFacet: extend(
            "DatasetFacet",
            residencyBody,
            "Where a dataset lives and which data classes it holds.",
          ),
        };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: id,
    title: facet,
    $defs: defs,
    anyOf: Object.keys(defs).map((d) => ({ $ref: `#/$defs/${d}` })),
  };
}
