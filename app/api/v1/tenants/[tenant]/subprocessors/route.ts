import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { getTenantSubprocessors } from "@/modules/subprocessors/server/tenant-view";

export const dynamic = "force-dynamic";

/** The region's subprocessors and announced changes, with which of the tenant's data classes each touches. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path }) => getTenantSubprocessors(actor, params.tenant, { surface: "api", path }),
});
