import { apiRoute } from "@/platform/http/api-route";
import { subscribeBody } from "@/modules/subprocessors/api-schemas/subscriptions";
import { subscribe } from "@/modules/subprocessors/server/subscriptions";

export const dynamic = "force-dynamic";

/** Anyone asks for e-mail about the register's changes; always 202 with the same body. */
export const POST = apiRoute({
  auth: "none",
  body: subscribeBody,
  handler: async ({ body }) =>
    Response.json(await subscribe(body), { status: 202, headers: { "cache-control": "no-store" } }),
});
