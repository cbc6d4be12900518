import { z } from "zod";
import { apiRoute } from "@/platform/http/api-route";
import { safeText } from "@/platform/schema/safe-text";
import { createIngestToken, listIngestTokens } from "@/modules/identity/server/ingest-tokens";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ auth: "required", handler: ({ actor }) => listIngestTokens(actor) });

const body = z.object({ name: safeText().trim().min(1).max(100) }).strict();

/** A new ingest token for the region's data plane; the secret is in this response only. */
export const POST = apiRoute({ auth: "required", body, handler: ({ actor, body }) => createIngestToken(actor, body) });
