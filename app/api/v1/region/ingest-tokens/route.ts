import { apiRoute } from "@/platform/http/api-route";
import { createIngestTokenBody } from "@/modules/identity/api-schemas";
import { createIngestToken, listIngestTokens } from "@/modules/identity/server/ingest-tokens";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ auth: "required", handler: ({ actor }) => listIngestTokens(actor) });

/** A new ingest token for the region's data plane; the secret is in this response only. */
export const POST = apiRoute({
  auth: "required",
  body: createIngestTokenBody,
  handler: ({ actor, body }) => createIngestToken(actor, body),
});
