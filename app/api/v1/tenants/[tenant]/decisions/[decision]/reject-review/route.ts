import { apiRoute } from "@/lib/http/api-route";
import { decisionStep } from "@/lib/data/sharing-workflow";
import { decisionParams, reasonBody } from "@/lib/sharing/input";

export const dynamic = "force-dynamic";

/** Sends the version in review back to draft with a reason: a compliance officer other than its authors. */
export const POST = apiRoute({
  auth: "required",
  params: decisionParams,
  body: reasonBody,
  handler: ({ actor, params, body, path }) => decisionStep(actor, params.tenant, params.decision, "rejectReview", body.reason, { surface: "api", path }),
});
