import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { listGrants } from "@/modules/support/server/grants";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path }) => listGrants(actor, params.tenant, { surface: "api", path }),
});
