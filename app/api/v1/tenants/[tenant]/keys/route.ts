import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/modules/keys/api-schemas";
import { listTenantKeys } from "@/modules/keys/server/tenant-keys";

export const dynamic = "force-dynamic";

/** The tenant's keys: state, versions, rotation period and last rotation (members read). */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path }) => listTenantKeys(actor, params.tenant, { surface: "api", path }),
});
