import { apiRoute } from "@/platform/http/api-route";
import { decisionParams, reasonBody, stepQuery } from "@/modules/sharing/api-schemas";
import { decisionStep } from "@/modules/sharing/server/workflow";

export const dynamic = "force-dynamic";

/** Sends the approved version back to draft with a reason: customer admins. */
export const POST = apiRoute({
  auth: "required",
  params: decisionParams,
  body: reasonBody,
  query: stepQuery,
  handler: ({ actor, params, body, query, path }) =>
    decisionStep(
      actor,
      params.tenant,
      params.decision,
      "reject",
      { reason: body.reason, contentDigest: query.content_digest },
      { surface: "api", path },
    ),
});
