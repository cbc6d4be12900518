import { z } from "zod";
import { apiRoute } from "@/platform/http/api-route";
import { queryIndex } from "@/platform/schema/query";
import { leafHashes } from "@/modules/audit/server/public-log";

export const dynamic = "force-dynamic";

/** Public: leaf hashes (hex) of entries [start, end), at most 1000 at a time. Never entry content. */
export const GET = apiRoute({
  auth: "none",
  query: z.object({ start: queryIndex.default(0), end: queryIndex.optional() }).strict(),
  handler: ({ query }) => leafHashes(query.start, query.end),
});
