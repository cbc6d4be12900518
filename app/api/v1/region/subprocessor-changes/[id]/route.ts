import { apiRoute } from "@/platform/http/api-route";
import { changeParams } from "@/modules/subprocessors/api-schemas/register";
import { readChange } from "@/modules/subprocessors/server/register";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  auth: "required",
  params: changeParams,
  handler: ({ actor, params }) => readChange(actor, params.id),
});
