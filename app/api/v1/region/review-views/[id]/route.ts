import { apiRoute } from "@/platform/http/api-route";
import { savedViewParams } from "@/modules/reviews/api-schemas";
import { deleteSavedView } from "@/modules/reviews/server/saved-views";

export const dynamic = "force-dynamic";

/** Delete one of your saved views. */
export const DELETE = apiRoute({
  auth: "required",
  params: savedViewParams,
  handler: ({ actor, params }) => deleteSavedView(actor, params.id),
});
