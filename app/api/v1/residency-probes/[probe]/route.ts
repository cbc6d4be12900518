import { apiRoute } from "@/platform/http/api-route";
import { probeParams } from "@/modules/drills/api-schemas";
import { probeRecord } from "@/modules/drills/server/probes";

export const dynamic = "force-dynamic";

/** How this region recorded a probe's refusal (read back by the drill's home region). */
export const GET = apiRoute({ auth: "none", params: probeParams, handler: ({ params }) => probeRecord(params.probe) });
