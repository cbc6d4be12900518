import { apiRoute } from "@/platform/http/api-route";
import { textResponse } from "@/platform/schema/query";
import { proofQuery } from "@/modules/audit/api-schemas";
import { inclusionProofFor, tlogProofFor } from "@/modules/audit/server/public-log";

export const dynamic = "force-dynamic";

/** Public: an inclusion proof for leaf `index` against a signed checkpoint, as JSON or a C2SP tlog-proof. */
export const GET = apiRoute({
  auth: "none",
  query: proofQuery,
  handler: async ({ query }) => {
    if (query.format === "tlog-proof") {
      return textResponse(await tlogProofFor(query.index, query.size), "text/plain; charset=utf-8", {
        "content-disposition": `attachment; filename="leaf-${query.index}.tlog-proof"`,
      });
    }
    return inclusionProofFor(query.index, query.size);
  },
});
