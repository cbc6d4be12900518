import { apiRoute } from "@/platform/http/api-route";
import { changesQuery, proposeBody } from "@/modules/subprocessors/api-schemas/register";
import { proposeChange } from "@/modules/subprocessors/server/propose";
import { readRegister } from "@/modules/subprocessors/server/register";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  auth: "required",
  query: changesQuery,
  handler: ({ actor, query }) => readRegister(actor, query),
});

/** A proposal reaches no customer until a compliance officer who did not write it approves it. */
export const POST = apiRoute({
  auth: "required",
  body: proposeBody,
  handler: async ({ actor, body }) =>
    Response.json(await proposeChange(actor, body), { status: 201, headers: { "cache-control": "no-store" } }),
});
