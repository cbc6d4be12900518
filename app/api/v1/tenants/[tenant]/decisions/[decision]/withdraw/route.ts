import { apiRoute } from "@/lib/http/api-route";
import { decisionStep } from "@/lib/data/sharing-workflow";
import { decisionParams } from "@/lib/sharing/input";

export const dynamic = "force-dynamic";

/** Withdraws the version in the workflow (kept in the history): customer admins and compliance officers. */
export const POST = apiRoute({
  auth: "required",
  params: decisionParams,
  handler: ({ actor, params, path }) => decisionStep(actor, params.tenant, params.decision, "withdraw", null, { surface: "api", path }),
});
