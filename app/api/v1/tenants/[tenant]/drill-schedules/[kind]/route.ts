import { apiRoute } from "@/platform/http/api-route";
import { scheduleParams } from "@/modules/drills/api-schemas";
import { removeSchedule } from "@/modules/drills/server/schedules";

export const dynamic = "force-dynamic";

/** Stops the recurring drill of one kind (drills already run, and their reports, stay). */
export const DELETE = apiRoute({
  auth: "required",
  params: scheduleParams,
  handler: ({ actor, params, path }) => removeSchedule(actor, params.tenant, params.kind, { surface: "api", path }),
});
