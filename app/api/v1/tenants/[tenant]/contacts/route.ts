import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/modules/tenants/api-schemas";
import { listTenantContacts } from "@/modules/tenants/server/contacts";

export const dynamic = "force-dynamic";

/**
 * The tenant's contact people, encrypted under the tenant's key: `{ available: true, value }`,
 * or, while the key is not enabled, `{ available: false, reason, state }` — never plaintext.
 */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path }) => listTenantContacts(actor, params.tenant, { surface: "api", path }),
});
