import { apiRoute } from "@/platform/http/api-route";
import { probeBody } from "@/modules/drills/api-schemas";
import { receiveProbe } from "@/modules/drills/server/probes";

export const dynamic = "force-dynamic";

/** Another region's signed residency probe: refused as the tenant's requests are (421) and recorded (201, the record). */
export const POST = apiRoute({
  auth: "none",
  body: probeBody,
  handler: async ({ body }) =>
    Response.json(await receiveProbe(body), { status: 201, headers: { "cache-control": "no-store" } }),
});
