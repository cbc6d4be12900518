import { apiRoute } from "@/platform/http/api-route";
import { parseJsonBody } from "@/platform/http/body";
import { authenticateIngest } from "@/modules/identity/server/ingest-tokens";
import { authorizeBody } from "@/modules/support/api-schemas";
import { authorizeSupportAccess } from "@/modules/support/server/authorize";

export const dynamic = "force-dynamic";

/** The provider's access broker: may this grant token's holder do this one access now? (region ingest token) */
export const POST = apiRoute({
  auth: "none",
  handler: async ({ request }) => {
    const { tokenId } = await authenticateIngest(request);
    return authorizeSupportAccess(tokenId, await parseJsonBody(request, authorizeBody, 16 * 1024));
  },
});
