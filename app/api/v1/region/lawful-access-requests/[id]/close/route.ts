import { apiRoute } from "@/platform/http/api-route";
import { closeBody, requestParams } from "@/modules/lawful-access/api-schemas/register";
import { closeRequest } from "@/modules/lawful-access/server/register";

export const dynamic = "force-dynamic";

/** Four eyes: a compliance officer who did not record the request closes it. */
export const POST = apiRoute({
  auth: "required",
  params: requestParams,
  body: closeBody,
  handler: ({ actor, params, body }) => closeRequest(actor, params.id, body),
});
