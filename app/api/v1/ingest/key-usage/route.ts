import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/body";
import { authenticateIngest } from "@/lib/data/ingest-tokens";
import { ingestKeyUsage, keyUsageBody } from "@/lib/data/key-usage-ingest";

export const dynamic = "force-dynamic";

/** Hourly key-usage aggregates from the data plane (region ingest token, checked before the body). */
export const POST = apiRoute({
  auth: "none",
  handler: async ({ request }) => {
    const { tokenId } = await authenticateIngest(request);
    return ingestKeyUsage(tokenId, await parseJsonBody(request, keyUsageBody, 512 * 1024));
  },
});
