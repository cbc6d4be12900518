import { apiRoute } from "@/platform/http/api-route";
import { probeBody } from "@/modules/drills/api-schemas";
import { receiveProbe } from "@/modules/drills/server/probes";

export const dynamic = "force-dynamic";

/** Another region's signed residency probe: refused with 421 and recorded (a wrong-region drill). */
export const POST = apiRoute({ auth: "none", body: probeBody, handler: ({ body }) => receiveProbe(body) });
