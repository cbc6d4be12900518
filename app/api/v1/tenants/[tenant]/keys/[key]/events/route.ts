import { z } from "zod";
import { apiRoute } from "@/platform/http/api-route";
import { keyParams } from "@/platform/http/params";
import { queryInstant } from "@/platform/schema/query";
import { keyTimeline, timelineCsv } from "@/modules/keys/server/timeline";
import { KEY_OPERATIONS } from "@/modules/keys/server/usage-ingest";

export const dynamic = "force-dynamic";

const query = z
  .object({
    from: queryInstant.optional(),
    to: queryInstant.optional(),
    operation: z.enum(KEY_OPERATIONS).optional(),
    format: z.enum(["json", "csv"]).default("json"),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: "from must be before to", path: ["from"] });

/** Lifecycle events and hourly usage of one key, as JSON or CSV. */
export const GET = apiRoute({
  auth: "required",
  params: keyParams,
  query,
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
