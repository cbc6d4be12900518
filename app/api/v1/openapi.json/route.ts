import { apiRoute } from "@/platform/http/api-route";
import { openApiDocument } from "@/platform/http/openapi";
import { sessionCookieName } from "@/platform/auth/session-cookie";
import { currentRegion } from "@/platform/region/registry";
import { TERRANE_VERSION } from "@/platform/version";
import { API_OPERATIONS, API_TAGS } from "@/modules/api-operations";

export const dynamic = "force-dynamic";

/** Public: the OpenAPI 3.1 description of the API, generated from the schemas the routes parse with. */
export const GET = apiRoute({
  auth: "none",
  handler: async () => {
    const region = currentRegion();
    const document = openApiDocument(API_OPERATIONS, {
      version: TERRANE_VERSION,
      serverUrl: region.url,
      sessionCookie: sessionCookieName(),
      tags: API_TAGS,
    });
    // The same for everyone and changed only by a deploy: caches may keep it for a while.
    return Response.json(document, {
      headers: {
        "cache-control": "public, max-age=3600",
        "access-control-allow-origin": "*",
        "x-terrane-region": region.id,
      },
    });
  },
});
