import { z } from "zod";
import { apiRoute } from "@/lib/http/api-route";
import { queryIndex } from "@/lib/http/query";
import { leafHashes } from "@/lib/data/audit-public";

export const dynamic = "force-dynamic";

/** Public: leaf hashes (hex) of entries [start, end), at most 1000 at a time. Never entry content. */
export const GET = apiRoute({
  auth: "none",
  query: z.object({ start: queryIndex.default(0), end: queryIndex.optional() }).strict(),
  handler: ({ query }) => leafHashes(query.start, query.end),
});
