import { apiRoute } from "@/lib/http/api-route";
import { decisionStep } from "@/lib/data/sharing-workflow";
import { decisionParams } from "@/lib/sharing/input";

export const dynamic = "force-dynamic";

/** Sends the draft to compliance review: customer admins and compliance officers. */
export const POST = apiRoute({
  auth: "required",
  params: decisionParams,
  handler: ({ actor, params, path }) => decisionStep(actor, params.tenant, params.decision, "submit", null, { surface: "api", path }),
});
