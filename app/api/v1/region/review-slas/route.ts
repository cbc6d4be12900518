import { apiRoute } from "@/platform/http/api-route";
import { slaBody } from "@/modules/reviews/api-schemas";
import { getReviewSlas, putReviewSlas } from "@/modules/reviews/server/slas";

export const dynamic = "force-dynamic";

/** Each kind's deadline in hours. */
export const GET = apiRoute({
  auth: "required",
  handler: ({ actor }) => getReviewSlas(actor),
});

/** Compliance officers set deadlines per kind. */
export const PUT = apiRoute({
  auth: "required",
  body: slaBody,
  handler: ({ actor, body }) => putReviewSlas(actor, body),
});
