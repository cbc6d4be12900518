import { z } from "zod";
import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { queryCursor, queryInstant, queryInt } from "@/platform/schema/query";
import { safeText } from "@/platform/schema/safe-text";
import { AUDIT_WHO } from "@/modules/audit/domain/audit-who";
import { listTenantAudit } from "@/modules/audit/server/tenant-audit";

export const dynamic = "force-dynamic";

const auditQuery = z
  .object({
    action: safeText()
      .regex(/^[a-z_]+(\.[a-z_]+)*\.?$/, "must be an action like api_token.created, or a prefix like api_token.")
      .max(100)
      .optional(),
    actor: safeText().max(200).optional(),
    /** people: users and their API tokens; system: the data plane and Terrane's own jobs. */
    who: z.enum(AUDIT_WHO, { message: "must be people or system" }).optional(),
    from: queryInstant.optional(),
    to: queryInstant.optional(),
    cursor: queryCursor.optional(),
    limit: queryInt(1, 200).default(50),
  })
  .strict();

/** The tenant's audit entries (content), newest first: members, its auditors and compliance officers. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  query: auditQuery,
  handler: ({ actor, params, query, path }) => listTenantAudit(actor, params.tenant, query, { surface: "api", path }),
});
