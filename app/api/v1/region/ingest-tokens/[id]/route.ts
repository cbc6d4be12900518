import { apiRoute } from "@/lib/http/api-route";
import { ingestTokenParams } from "@/lib/http/params";
import { revokeIngestToken } from "@/lib/data/ingest-tokens";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute({ auth: "required", params: ingestTokenParams, handler: ({ actor, params }) => revokeIngestToken(actor, params.id) });
