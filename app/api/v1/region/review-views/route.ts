import { apiRoute } from "@/platform/http/api-route";
import { savedViewBody } from "@/modules/reviews/api-schemas";
import { createSavedView, listSavedViews } from "@/modules/reviews/server/saved-views";

export const dynamic = "force-dynamic";

/** Your saved queue filters. */
export const GET = apiRoute({
  auth: "required",
  handler: ({ actor }) => listSavedViews(actor),
});

/** Save the queue's filters under a name. */
export const POST = apiRoute({
  auth: "required",
  body: savedViewBody,
  handler: async ({ actor, body }) =>
    Response.json(await createSavedView(actor, body), { status: 201, headers: { "cache-control": "no-store" } }),
});
