import { apiRoute } from "@/platform/http/api-route";
import { currentRegion, listRegions } from "@/platform/region/registry";

export const dynamic = "force-dynamic";

/** Public: the provider's regions and which one this instance serves. */
export const GET = apiRoute({
  auth: "none",
  handler: async () => ({ current: currentRegion().id, regions: listRegions() }),
});
