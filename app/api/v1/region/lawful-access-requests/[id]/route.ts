import { apiRoute } from "@/platform/http/api-route";
import { requestParams, updateBody } from "@/modules/lawful-access/api-schemas/register";
import { readRequest, updateRequest } from "@/modules/lawful-access/server/register";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  auth: "required",
  params: requestParams,
  handler: ({ actor, params }) => readRequest(actor, params.id),
});

/** Edits an open request; a closed one is a 409. */
export const PATCH = apiRoute({
  auth: "required",
  params: requestParams,
  body: updateBody,
  handler: ({ actor, params, body }) => updateRequest(actor, params.id, body),
});
