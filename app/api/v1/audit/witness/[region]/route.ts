import { apiRoute } from "@/platform/http/api-route";
import { witnessParams } from "@/modules/audit/api-schemas";
import { witnessedView } from "@/modules/audit/server/public-log";

export const dynamic = "force-dynamic";

/** Public: this region's latest cosigned view, as a witness, of another region's log. */
export const GET = apiRoute({
  auth: "none",
  params: witnessParams,
  handler: ({ params }) => witnessedView(params.region),
});
