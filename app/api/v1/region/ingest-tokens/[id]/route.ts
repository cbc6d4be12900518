import { apiRoute } from "@/platform/http/api-route";
import { ingestTokenParams } from "@/modules/identity/api-schemas";
import { revokeIngestToken } from "@/modules/identity/server/ingest-tokens";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute({
  auth: "required",
  params: ingestTokenParams,
  handler: ({ actor, params }) => revokeIngestToken(actor, params.id),
});
