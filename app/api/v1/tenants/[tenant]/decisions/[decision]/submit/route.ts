import { apiRoute } from "@/platform/http/api-route";
import { decisionParams, stepQuery } from "@/modules/sharing/api-schemas";
import { decisionStep } from "@/modules/sharing/server/workflow";

export const dynamic = "force-dynamic";

/** Sends the draft to compliance review: customer admins and compliance officers. */
export const POST = apiRoute({
  auth: "required",
  params: decisionParams,
  query: stepQuery,
  handler: ({ actor, params, query, path }) =>
    decisionStep(
      actor,
      params.tenant,
      params.decision,
      "submit",
      { reason: null, contentDigest: query.content_digest },
      { surface: "api", path },
    ),
});
