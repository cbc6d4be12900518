import { apiRoute } from "@/platform/http/api-route";
import { regionDrills } from "@/modules/drills/server/reads";

export const dynamic = "force-dynamic";

/** The region's recent drills across tenants and its schedules (compliance officers). */
export const GET = apiRoute({ auth: "required", handler: ({ actor }) => regionDrills(actor) });
