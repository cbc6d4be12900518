import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { getTenantLawfulAccess } from "@/modules/lawful-access/server/tenant-view";

export const dynamic = "force-dynamic";

/** The requests that concern the tenant, unless a legal prohibition on telling it holds. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path }) => getTenantLawfulAccess(actor, params.tenant, { surface: "api", path }),
});
