import { NotFoundError } from "@/platform/errors";
import { apiRoute } from "@/platform/http/api-route";
import { facetParams } from "@/modules/lineage/api-schemas";
import { FACET_NAMES, facetJsonSchema } from "@/modules/lineage/domain/terrane-facets";
import { currentRegion } from "@/platform/region/registry";

export const dynamic = "force-dynamic";

/**
 * The JSON Schema of Terrane's custom OpenLineage facets, e.g.
 * /api/v1/openlineage/facets/terrane_residency/1-0-0.json — what a facet's `_schemaURL`
 * points at. Public, and immutable per version, so caches may keep it.
 */
export const GET = apiRoute({
  auth: "none",
  params: facetParams,
  handler: async ({ params: p }) => {
    const facet = FACET_NAMES.find((f) => f === p.facet);
    const version = /^(\d+-\d+-\d+)\.json$/.exec(p.version)?.[1];
    const schema = facet && version ? facetJsonSchema(facet, version, currentRegion().url) : null;
    if (!schema)
      throw new NotFoundError(
        `No facet schema ${p.facet}/${p.version}; Terrane serves ${FACET_NAMES.map((f) => `${f}/1-0-0.json`).join(" and ")}.`,
        "facet_schema_not_found",
      );
    return new Response(JSON.stringify(schema, null, 2), {
      headers: {
        "content-type": "application/schema+json",
        "cache-control": "public, max-age=86400, immutable",
        "access-control-allow-origin": "*",
        "x-terrane-region": currentRegion().id,
      },
    });
  },
});
