import { apiRoute } from "@/platform/http/api-route";
import { trustDocument } from "@/modules/subprocessors/server/trust-document";

export const dynamic = "force-dynamic";

/** Public: the region's trust.json (also served at /.well-known/trust.json). */
export const GET = apiRoute({ auth: "none", handler: () => trustDocument() });
