import { apiRoute } from "@/platform/http/api-route";
import { decisionParams, stepQuery } from "@/modules/sharing/api-schemas";
import { decisionStep } from "@/modules/sharing/server/workflow";

export const dynamic = "force-dynamic";

/** Withdraws the version in the workflow (kept in the history): customer admins and compliance officers. */
export const POST = apiRoute({
  auth: "required",
  params: decisionParams,
  query: stepQuery,
  handler: ({ actor, params, query, path }) =>
    decisionStep(
      actor,
      params.tenant,
      params.decision,
      "withdraw",
      { reason: null, contentDigest: query.content_digest },
      { surface: "api", path },
    ),
});
