import { apiRoute } from "@/lib/http/api-route";
import { textResponse } from "@/lib/http/query";
import { witnessVerifierKey } from "@/lib/data/audit-public";

export const dynamic = "force-dynamic";

/** Public: the verifier key this region cosigns other regions' checkpoints with (cosignature/v1). */
export const GET = apiRoute({ auth: "none", handler: async () => textResponse(`${await witnessVerifierKey()}\n`) });
