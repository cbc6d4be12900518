import { apiRoute } from "@/platform/http/api-route";
import { consistencyQuery } from "@/modules/audit/api-schemas";
import { consistencyProofFor } from "@/modules/audit/server/public-log";

export const dynamic = "force-dynamic";

/** Public: a consistency proof that the tree of size `from` is a prefix of the tree of size `to`. */
export const GET = apiRoute({
  auth: "none",
  query: consistencyQuery,
  handler: ({ query }) => consistencyProofFor(query.from, query.to),
});
