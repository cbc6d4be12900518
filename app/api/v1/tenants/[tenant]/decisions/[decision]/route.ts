import { apiRoute } from "@/platform/http/api-route";
import { decisionParams, editDecisionBody, stepQuery } from "@/modules/sharing/api-schemas";
import { editDecision } from "@/modules/sharing/server/decisions";
import { getDecision } from "@/modules/sharing/server/read";

export const dynamic = "force-dynamic";

/** One decision with every version, the diff between versions and each workflow step. */
export const GET = apiRoute({
  auth: "required",
  params: decisionParams,
  handler: ({ actor, params, path }) => getDecision(actor, params.tenant, params.decision, { surface: "api", path }),
});

/** Edits the draft, or starts a new draft version of an accepted decision: customer admins and compliance officers. */
export const PATCH = apiRoute({
  auth: "required",
  params: decisionParams,
  body: editDecisionBody,
  query: stepQuery,
  handler: ({ actor, params, body, query, path }) =>
    editDecision(actor, params.tenant, params.decision, body, { surface: "api", path }, query.content_digest),
});
