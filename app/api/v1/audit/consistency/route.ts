import { z } from "zod";
import { apiRoute } from "@/lib/http/api-route";
import { queryIndex } from "@/lib/http/query";
import { consistencyProofFor } from "@/lib/data/audit-public";

export const dynamic = "force-dynamic";

/** Public: a consistency proof that the tree of size `from` is a prefix of the tree of size `to`. */
export const GET = apiRoute({
  auth: "none",
  query: z.object({ from: queryIndex, to: queryIndex }).strict(),
  handler: ({ query }) => consistencyProofFor(query.from, query.to),
});
