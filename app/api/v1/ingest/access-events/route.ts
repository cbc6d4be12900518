import { apiRoute } from "@/platform/http/api-route";
import { parseJsonBody } from "@/platform/http/body";
import { authenticateIngest } from "@/modules/identity/server/ingest-tokens";
import { accessEventsBody } from "@/modules/support/api-schemas";
import { ingestAccessEvents } from "@/modules/support/server/access-ingest";

export const dynamic = "force-dynamic";

/** Accesses by provider staff from the data plane (region ingest token, checked before the body). */
export const POST = apiRoute({
  auth: "none",
  handler: async ({ request }) => {
    const { tokenId } = await authenticateIngest(request);
    return ingestAccessEvents(tokenId, await parseJsonBody(request, accessEventsBody, 2 * 1024 * 1024));
  },
});
