import { apiRoute } from "@/platform/http/api-route";
import { leavesQuery } from "@/modules/audit/api-schemas";
import { leafHashes } from "@/modules/audit/server/public-log";

export const dynamic = "force-dynamic";

/** Public: leaf hashes (hex) of entries [start, end), at most 1000 at a time. Never entry content. */
export const GET = apiRoute({
  auth: "none",
  query: leavesQuery,
  handler: ({ query }) => leafHashes(query.start, query.end),
});
