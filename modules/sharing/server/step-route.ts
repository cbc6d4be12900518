import "server-only";
import { apiRoute } from "@/platform/http/api-route";
import { decisionParams, reasonBody, stepQuery } from "@/modules/sharing/api-schemas";
import { decisionStep, type StepName } from "@/modules/sharing/server/workflow";

/** Sending a version back to draft needs a reason; every other step takes none. */
const NEEDS_REASON: ReadonlySet<StepName> = new Set(["reject", "rejectReview"]);

/**
 * The one route handler of a workflow step (`POST …/decisions/{decision}/<step>`): the version is
 * named by its content digest in the query, so a step never lands on a version the caller has not seen.
 */
export function decisionStepRoute(step: StepName) {
  const origin = (path: string) => ({ surface: "api" as const, path });
  return NEEDS_REASON.has(step)
    ? apiRoute({
        auth: "required",
        params: decisionParams,
        body: reasonBody,
        query: stepQuery,
        handler: ({ actor, params, body, query, path }) =>
          decisionStep(
            actor,
            params.tenant,
            params.decision,
            step,
            { reason: body.reason, contentDigest: query.content_digest },
            origin(path),
          ),
      })
    : apiRoute({
        auth: "required",
        params: decisionParams,
        query: stepQuery,
        handler: ({ actor, params, query, path }) =>
          decisionStep(
            actor,
            params.tenant,
            params.decision,
            step,
            { reason: null, contentDigest: query.content_digest },
            origin(path),
          ),
      });
}
