import { apiRoute } from "@/platform/http/api-route";
import { regionJwks } from "@/modules/audit/server/public-log";

export const dynamic = "force-dynamic";

/** Public: the region's signing keys as a JWKS (also served at /.well-known/jwks.json). */
export const GET = apiRoute({ auth: "none", handler: () => regionJwks() });
