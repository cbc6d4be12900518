import { apiRoute } from "@/platform/http/api-route";
import { changeParams, rejectBody } from "@/modules/subprocessors/api-schemas/register";
import { rejectChange } from "@/modules/subprocessors/server/review";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  auth: "required",
  params: changeParams,
  body: rejectBody,
  handler: ({ actor, params, body }) => rejectChange(actor, params.id, body),
});
