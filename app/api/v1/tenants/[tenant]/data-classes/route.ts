import { apiRoute } from "@/platform/http/api-route";
import { createDataClassBody, tenantParams } from "@/modules/sharing/api-schemas";
import { createDataClass, listDataClasses } from "@/modules/sharing/server/data-classes";
import { createdResponse } from "@/modules/sharing/domain/http";

export const dynamic = "force-dynamic";

/** The tenant's data classes (default catalogue plus its own) with their stable keys: members, auditors, compliance officers. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path }) => listDataClasses(actor, params.tenant, { surface: "api", path }),
});

/** Adds a tenant data class: the tenant's customer admins and compliance officers. */
export const POST = apiRoute({
  auth: "required",
  params: tenantParams,
  body: createDataClassBody,
  handler: async ({ actor, params, body, path }) =>
    createdResponse(await createDataClass(actor, params.tenant, body, { surface: "api", path })),
});
