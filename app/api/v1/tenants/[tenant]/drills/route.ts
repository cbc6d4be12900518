import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { startDrillBody } from "@/modules/drills/api-schemas";
import { listDrills } from "@/modules/drills/server/reads";
import { startDrill } from "@/modules/drills/server/start";

export const dynamic = "force-dynamic";

/** The tenant's residency drills, newest first. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path }) => listDrills(actor, params.tenant, { surface: "api", path }),
});

/** Starts a drill in the background: 202 with its id (GET …/drills/{id} follows it). */
export const POST = apiRoute({
  auth: "required",
  params: tenantParams,
  body: startDrillBody,
  handler: async ({ actor, params, body, path }) =>
    Response.json(await startDrill(actor, params.tenant, body, { surface: "api", path }), {
      status: 202,
      headers: { "cache-control": "no-store" },
    }),
});
