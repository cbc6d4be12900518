import { apiRoute } from "@/platform/http/api-route";
import { changeParams, reviewBody } from "@/modules/subprocessors/api-schemas/register";
import { withdrawChange } from "@/modules/subprocessors/server/review";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  auth: "required",
  params: changeParams,
  body: reviewBody,
  handler: ({ actor, params, body }) => withdrawChange(actor, params.id, body),
});
