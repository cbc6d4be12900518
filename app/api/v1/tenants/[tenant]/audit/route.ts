import { z } from "zod";
import { apiRoute } from "@/lib/http/api-route";
import { tenantParams } from "@/lib/http/params";
import { AUDIT_WHO } from "@/lib/audit/audit-who";
import { listTenantAudit } from "@/lib/data/tenant-audit";

export const dynamic = "force-dynamic";

const auditQuery = z
  .object({
    action: z.string().regex(/^[a-z_]+(\.[a-z_]+)*\.?$/, "must be an action like api_token.created, or a prefix like api_token.").max(100).optional(),
    actor: z.string().max(200).optional(),
    /** people: users and their API tokens; system: the data plane and Terrane's own jobs. */
    who: z.enum(AUDIT_WHO, { message: "must be people or system" }).optional(),
    from: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
    to: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
    cursor: z.string().regex(/^[0-9]{1,19}$/, "must be a next_cursor from a previous page").optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** The tenant's audit entries (content), newest first: members, its auditors and compliance officers. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  query: auditQuery,
  handler: ({ actor, params, query, path }) => listTenantAudit(actor, params.tenant, query, { surface: "api", path }),
});
