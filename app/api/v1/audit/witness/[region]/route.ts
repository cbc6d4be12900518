import { z } from "zod";
import { apiRoute } from "@/platform/http/api-route";
import { safeText } from "@/platform/schema/safe-text";
import { witnessedView } from "@/modules/audit/server/public-log";

export const dynamic = "force-dynamic";

/** Public: this region's latest cosigned view, as a witness, of another region's log. */
export const GET = apiRoute({
  auth: "none",
  params: z.object({ region: safeText().regex(/^[a-z]{2,4}-[a-z]+-\d$/, "must be a region id") }),
  handler: ({ params }) => witnessedView(params.region),
});
