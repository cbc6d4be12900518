import { apiRoute } from "@/lib/http/api-route";
import { textResponse } from "@/lib/http/query";
import { logVerifierKey } from "@/lib/data/audit-public";

export const dynamic = "force-dynamic";

/** Public: the note verifier key of the region's log (`<name>+<hex id>+<base64 key>`). */
export const GET = apiRoute({ auth: "none", handler: async () => textResponse(`${await logVerifierKey()}\n`) });
