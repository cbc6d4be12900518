import { apiRoute } from "@/platform/http/api-route";
import { textResponse } from "@/platform/schema/query";
import { servedCheckpoint } from "@/modules/audit/server/public-log";

export const dynamic = "force-dynamic";

/** Public: the region's latest signed checkpoint (C2SP signed note) with its witnesses' cosignatures. */
export const GET = apiRoute({ auth: "none", handler: async () => textResponse(await servedCheckpoint()) });
