import { apiRoute } from "@/platform/http/api-route";
import { createApiToken, listApiTokens } from "@/modules/identity/server/api-tokens";
import { createTokenSchema, userParams } from "@/modules/identity/api-schemas";

export const dynamic = "force-dynamic";

/** A user's personal API tokens (`me` for your own). Secrets are never listed. */
export const GET = apiRoute({
  auth: "required",
  params: userParams,
  handler: async ({ actor, params }) => ({ tokens: await listApiTokens(actor, params.user) }),
});

/** Creates a token; the response carries its secret, the only time it is shown. */
export const POST = apiRoute({
  auth: "required",
  params: userParams,
  body: createTokenSchema,
  handler: async ({ actor, params, body }) => {
    const created = await createApiToken(actor, params.user, body);
    return Response.json(
      { ...created.token, secret: created.secret },
      { status: 201, headers: { "cache-control": "no-store" } },
    );
  },
});
