import { apiRoute } from "@/platform/http/api-route";
import { recordBody, requestsQuery } from "@/modules/lawful-access/api-schemas/register";
import { readRegister, recordRequest } from "@/modules/lawful-access/server/register";

export const dynamic = "force-dynamic";

/** The region's lawful-access register (compliance officers only). */
export const GET = apiRoute({
  auth: "required",
  query: requestsQuery,
  handler: ({ actor, query }) => readRegister(actor, query),
});

/** Records a request; the affected tenants are told unless a legal prohibition holds. */
export const POST = apiRoute({
  auth: "required",
  body: recordBody,
  handler: async ({ actor, body }) =>
    Response.json(await recordRequest(actor, body), { status: 201, headers: { "cache-control": "no-store" } }),
});
