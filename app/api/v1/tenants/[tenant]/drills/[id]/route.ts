import { apiRoute } from "@/platform/http/api-route";
import { drillParams } from "@/modules/drills/api-schemas";
import { getDrill } from "@/modules/drills/server/reads";

export const dynamic = "force-dynamic";

/** One drill: state, steps, figures, and its signed report once completed. */
export const GET = apiRoute({
  auth: "required",
  params: drillParams,
  handler: ({ actor, params, path }) => getDrill(actor, params.tenant, params.id, { surface: "api", path }),
});
