import { apiRoute } from "@/platform/http/api-route";
import { regionObjectionsQuery } from "@/modules/subprocessors/api-schemas/tenant";
import { listRegionObjections } from "@/modules/subprocessors/server/objection-queue";

export const dynamic = "force-dynamic";

/** Compliance officers and provider admins: the region's objections, open first. */
export const GET = apiRoute({
  auth: "required",
  query: regionObjectionsQuery,
  handler: ({ actor, query }) => listRegionObjections(actor, query),
});
