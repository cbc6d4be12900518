import { apiRoute } from "@/lib/http/api-route";
import { decisionStep } from "@/lib/data/sharing-workflow";
import { decisionParams } from "@/lib/sharing/input";

export const dynamic = "force-dynamic";

/** Accepts the approved version for the tenant; it is in force from its effective date: customer admins. */
export const POST = apiRoute({
  auth: "required",
  params: decisionParams,
  handler: ({ actor, params, path }) => decisionStep(actor, params.tenant, params.decision, "accept", null, { surface: "api", path }),
});
