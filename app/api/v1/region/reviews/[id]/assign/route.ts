import { apiRoute } from "@/platform/http/api-route";
import { assignBody, reviewParams } from "@/modules/reviews/api-schemas";
import { assignReview } from "@/modules/reviews/server/queue";

export const dynamic = "force-dynamic";

/** Claim, hand over or take back an open item. */
export const POST = apiRoute({
  auth: "required",
  params: reviewParams,
  body: assignBody,
  handler: ({ actor, params, body }) => assignReview(actor, params.id, body),
});
