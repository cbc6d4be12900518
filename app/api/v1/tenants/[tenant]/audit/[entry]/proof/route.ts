import { apiRoute } from "@/platform/http/api-route";
import { textResponse } from "@/platform/schema/query";
import { entryProofParams } from "@/modules/audit/api-schemas";
import { tenantEntryProof } from "@/modules/audit/server/tenant-audit";

export const dynamic = "force-dynamic";

/** A .tlog-proof file for one entry, with the entry inside: verifiable offline with `npx terrane verify`. */
export const GET = apiRoute({
  auth: "required",
  params: entryProofParams,
  handler: async ({ actor, params, path }) => {
    const proof = await tenantEntryProof(actor, params.tenant, params.entry, { surface: "api", path });
    return textResponse(proof.text, "text/plain; charset=utf-8", {
      "content-disposition": `attachment; filename="${params.tenant}-entry-${proof.index}.tlog-proof"`,
    });
  },
});
