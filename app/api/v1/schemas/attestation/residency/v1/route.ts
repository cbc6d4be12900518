import { apiRoute } from "@/platform/http/api-route";
import { currentRegion } from "@/platform/region/registry";
import { residencyPredicateJsonSchema } from "@/modules/attestations/domain/predicate";

export const dynamic = "force-dynamic";

/** Public: the residency predicate's JSON Schema (also served at /schemas/attestation/residency/v1.json). */
export const GET = apiRoute({
  auth: "none",
  handler: async () =>
    Response.json(residencyPredicateJsonSchema(currentRegion().url), {
      headers: {
        "content-type": "application/schema+json",
        "cache-control": "public, max-age=3600",
        "access-control-allow-origin": "*",
      },
    }),
});
