import { apiRoute } from "@/platform/http/api-route";
import { tenantAuditQuery, tenantParams } from "@/modules/audit/api-schemas";
import { listTenantAudit } from "@/modules/audit/server/tenant-audit";

export const dynamic = "force-dynamic";

/** The tenant's audit entries (content), newest first: members, its auditors and compliance officers. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  query: tenantAuditQuery,
  handler: ({ actor, params, query, path }) => listTenantAudit(actor, params.tenant, query, { surface: "api", path }),
});
