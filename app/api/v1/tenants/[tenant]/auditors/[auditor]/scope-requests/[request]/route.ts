import { apiRoute } from "@/platform/http/api-route";
import { scopeDecisionBody, scopeRequestParams } from "@/modules/evidence/api-schemas";
import { decideScopeRequest } from "@/modules/evidence/server/scope-requests";

export const dynamic = "force-dynamic";

/** A customer admin or compliance officer approves (the scope widens now) or denies an auditor's request. */
export const POST = apiRoute({
  auth: "required",
  params: scopeRequestParams,
  body: scopeDecisionBody,
  handler: ({ actor, params, body, path }) =>
    decideScopeRequest(actor, params.tenant, { auditor: params.auditor, request: params.request }, body, {
      surface: "api",
      path,
    }),
});
