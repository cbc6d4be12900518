import { apiRoute } from "@/platform/http/api-route";
import { resolveBody, reviewParams } from "@/modules/reviews/api-schemas";
import { resolveReview } from "@/modules/reviews/server/resolve";

export const dynamic = "force-dynamic";

/** Resolve or dismiss an item with an outcome and a written rationale (four eyes). */
export const POST = apiRoute({
  auth: "required",
  params: reviewParams,
  body: resolveBody,
  handler: ({ actor, params, body, path }) => resolveReview(actor, params.id, body, { surface: "api", path }),
});
