import { apiRoute } from "@/platform/http/api-route";
import { reviewsQuery } from "@/modules/reviews/api-schemas";
import { listReviews } from "@/modules/reviews/server/queue";

export const dynamic = "force-dynamic";

/** Compliance officers: the region's review queue, filtered and paged. */
export const GET = apiRoute({
  auth: "required",
  query: reviewsQuery,
  handler: ({ actor, query }) => listReviews(actor, query),
});
