import { apiRoute } from "@/lib/http/api-route";
import { decisionStep } from "@/lib/data/sharing-workflow";
import { decisionParams, stepQuery } from "@/lib/sharing/input";

export const dynamic = "force-dynamic";

/** Accepts the approved version for the tenant; it is in force from its effective date: customer admins. */
export const POST = apiRoute({
  auth: "required",
  params: decisionParams,
  query: stepQuery,
  handler: ({ actor, params, query, path }) =>
    decisionStep(actor, params.tenant, params.decision, "accept", { reason: null, contentDigest: query.content_digest }, { surface: "api", path }),
});
