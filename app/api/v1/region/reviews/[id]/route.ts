import { apiRoute } from "@/platform/http/api-route";
import { reviewParams } from "@/modules/reviews/api-schemas";
import { getReview } from "@/modules/reviews/server/queue";

export const dynamic = "force-dynamic";

/** One item of the review queue. */
export const GET = apiRoute({
  auth: "required",
  params: reviewParams,
  handler: ({ actor, params }) => getReview(actor, params.id),
});
