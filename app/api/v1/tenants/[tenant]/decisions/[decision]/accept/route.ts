import { apiRoute } from "@/platform/http/api-route";
import { decisionParams, stepQuery } from "@/modules/sharing/api-schemas";
import { decisionStep } from "@/modules/sharing/server/workflow";

export const dynamic = "force-dynamic";

/** Accepts the approved version for the tenant; it is in force from its effective date: customer admins. */
export const POST = apiRoute({
  auth: "required",
  params: decisionParams,
  query: stepQuery,
  handler: ({ actor, params, query, path }) =>
    decisionStep(
      actor,
      params.tenant,
      params.decision,
      "accept",
      { reason: null, contentDigest: query.content_digest },
      { surface: "api", path },
    ),
});
