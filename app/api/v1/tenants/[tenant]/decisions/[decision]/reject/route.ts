import { apiRoute } from "@/lib/http/api-route";
import { decisionStep } from "@/lib/data/sharing-workflow";
import { decisionParams, reasonBody } from "@/lib/sharing/input";

export const dynamic = "force-dynamic";

/** Sends the approved version back to draft with a reason: customer admins. */
export const POST = apiRoute({
  auth: "required",
  params: decisionParams,
  body: reasonBody,
  handler: ({ actor, params, body, path }) => decisionStep(actor, params.tenant, params.decision, "reject", body.reason, { surface: "api", path }),
});
