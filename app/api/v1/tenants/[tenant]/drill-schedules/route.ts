import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { scheduleBody } from "@/modules/drills/api-schemas";
import { listSchedules, setSchedule } from "@/modules/drills/server/schedules";

export const dynamic = "force-dynamic";

/** The tenant's recurring drills. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path }) => listSchedules(actor, params.tenant, { surface: "api", path }),
});

/** Sets a recurring drill of one kind (201). */
export const POST = apiRoute({
  auth: "required",
  params: tenantParams,
  body: scheduleBody,
  handler: async ({ actor, params, body, path }) =>
    Response.json(await setSchedule(actor, params.tenant, body, { surface: "api", path }), {
      status: 201,
      headers: { "cache-control": "no-store" },
    }),
});
