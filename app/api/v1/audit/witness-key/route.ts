import { apiRoute } from "@/platform/http/api-route";
import { textResponse } from "@/platform/schema/query";
import { witnessVerifierKey } from "@/modules/audit/server/public-log";

export const dynamic = "force-dynamic";

/** Public: the verifier key this region cosigns other regions' checkpoints with (cosignature/v1). */
export const GET = apiRoute({ auth: "none", handler: async () => textResponse(`${await witnessVerifierKey()}\n`) });
