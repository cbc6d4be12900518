import { apiRoute } from "@/platform/http/api-route";
import { textResponse } from "@/platform/schema/query";
import { logVerifierKey } from "@/modules/audit/server/public-log";

export const dynamic = "force-dynamic";

/** Public: the note verifier key of the region's log (`<name>+<hex id>+<base64 key>`). */
export const GET = apiRoute({ auth: "none", handler: async () => textResponse(`${await logVerifierKey()}\n`) });
