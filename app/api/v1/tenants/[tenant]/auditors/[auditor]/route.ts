import { apiRoute } from "@/platform/http/api-route";
import { auditorParams } from "@/modules/evidence/api-schemas";
import { revokeAuditor } from "@/modules/evidence/server/auditors";

export const dynamic = "force-dynamic";

/** Ends the engagement at once. */
export const DELETE = apiRoute({
  auth: "required",
  params: auditorParams,
  handler: ({ actor, params, path }) => revokeAuditor(actor, params.tenant, params.auditor, { surface: "api", path }),
});
