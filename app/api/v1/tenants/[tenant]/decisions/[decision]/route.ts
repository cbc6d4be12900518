import { apiRoute } from "@/lib/http/api-route";
import { editDecision } from "@/lib/data/sharing-decisions";
import { getDecision } from "@/lib/data/sharing-read";
import { decisionParams, editDecisionBody, stepQuery } from "@/lib/sharing/input";

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
