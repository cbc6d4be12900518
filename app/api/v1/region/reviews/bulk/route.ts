import { apiRoute } from "@/platform/http/api-route";
import { bulkBody } from "@/modules/reviews/api-schemas";
import { bulkReview } from "@/modules/reviews/server/bulk";

export const dynamic = "force-dynamic";

/** Assign many items, or dismiss many findings of the kinds where that is safe. */
export const POST = apiRoute({
  auth: "required",
  body: bulkBody,
  handler: ({ actor, body }) => bulkReview(actor, body),
});
