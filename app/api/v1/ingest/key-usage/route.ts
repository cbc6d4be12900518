import { apiRoute } from "@/platform/http/api-route";
import { parseJsonBody } from "@/platform/http/body";
import { authenticateIngest } from "@/modules/identity/server/ingest-tokens";
import { ingestKeyUsage } from "@/modules/keys/server/usage-ingest";
import { keyUsageBody } from "@/modules/keys/api-schemas";

export const dynamic = "force-dynamic";

/** Hourly key-usage aggregates from the data plane (region ingest token, checked before the body). */
export const POST = apiRoute({
  auth: "none",
  handler: async ({ request }) => {
    const { tokenId } = await authenticateIngest(request);
    return ingestKeyUsage(tokenId, await parseJsonBody(request, keyUsageBody, 512 * 1024));
  },
});
