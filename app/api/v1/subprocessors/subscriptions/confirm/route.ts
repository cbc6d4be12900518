import { apiRoute } from "@/platform/http/api-route";
import { tokenQuery } from "@/modules/subprocessors/api-schemas/subscriptions";
import { confirmSubscription } from "@/modules/subprocessors/server/subscriptions";
import { linkPageRedirect } from "@/modules/subprocessors/server/subscription-links";

export const dynamic = "force-dynamic";

/** A GET changes nothing (mail scanners fetch links): it shows the page whose button confirms. */
export const GET = apiRoute({
  auth: "none",
  query: tokenQuery,
  handler: async ({ query }) => linkPageRedirect("confirm", query.token),
});

export const POST = apiRoute({
  auth: "none",
  query: tokenQuery,
  handler: ({ query }) => confirmSubscription(query.token),
});
