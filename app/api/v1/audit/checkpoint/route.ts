import { apiRoute } from "@/lib/http/api-route";
import { textResponse } from "@/lib/http/query";
import { servedCheckpoint } from "@/lib/data/audit-public";

export const dynamic = "force-dynamic";

/** Public: the region's latest signed checkpoint (C2SP signed note) with its witnesses' cosignatures. */
export const GET = apiRoute({ auth: "none", handler: async () => textResponse(await servedCheckpoint()) });
