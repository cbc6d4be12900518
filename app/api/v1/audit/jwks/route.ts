import { apiRoute } from "@/lib/http/api-route";
import { regionJwks } from "@/lib/data/audit-public";

export const dynamic = "force-dynamic";

/** Public: the region's signing keys as a JWKS (also served at /.well-known/jwks.json). */
export const GET = apiRoute({ auth: "none", handler: () => regionJwks() });
