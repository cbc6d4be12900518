import { apiRoute } from "@/platform/http/api-route";
import { tokenQuery } from "@/modules/subprocessors/api-schemas/subscriptions";
import { unsubscribe } from "@/modules/subprocessors/server/subscriptions";
import { linkPageRedirect } from "@/modules/subprocessors/server/subscription-links";

export const dynamic = "force-dynamic";

/** A GET changes nothing (mail scanners fetch links): it shows the page whose button unsubscribes. */
export const GET = apiRoute({
  auth: "none",
  query: tokenQuery,
  handler: async ({ query }) => linkPageRedirect("unsubscribe", query.token),
});

/** RFC 8058 one-click: the mail client's POST (body `List-Unsubscribe=One-Click`, not read) unsubscribes at once. */
export const POST = apiRoute({
  auth: "none",
  query: tokenQuery,
  handler: ({ query }) => unsubscribe(query.token),
});
