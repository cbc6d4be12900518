import { apiRoute } from "@/platform/http/api-route";
import { keyTimeline, timelineCsv } from "@/modules/keys/server/timeline";
import { keyEventsQuery, keyParams } from "@/modules/keys/api-schemas";

export const dynamic = "force-dynamic";

/** Lifecycle events and hourly usage of one key, as JSON or CSV. */
export const GET = apiRoute({
  auth: "required",
  params: keyParams,
  query: keyEventsQuery,
  handler: async ({ actor, params, query, path }) => {
    const timeline = await keyTimeline(actor, params.tenant, params.key, query, { surface: "api", path });
    if (query.format === "json") return timeline;
    return new Response(timelineCsv(timeline), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${timeline.tenant}-key-${timeline.key_id}-events.csv"`,
        "cache-control": "no-store",
      },
    });
  },
});
