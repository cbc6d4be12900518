import { apiRoute } from "@/platform/http/api-route";
import { objectionParams, resolveBody } from "@/modules/subprocessors/api-schemas/tenant";
import { resolveObjection } from "@/modules/subprocessors/server/objection-queue";

export const dynamic = "force-dynamic";

/** A compliance officer resolves an objection with an outcome and a written resolution. */
export const POST = apiRoute({
  auth: "required",
  params: objectionParams,
  body: resolveBody,
  handler: ({ actor, params, body }) => resolveObjection(actor, params.id, body),
});
