import { z } from "zod";
import { apiRoute } from "@/lib/http/api-route";
import { textResponse } from "@/lib/http/query";
import { safeText } from "@/lib/http/safe-text";
import { tenantEntryProof } from "@/lib/data/tenant-audit";

export const dynamic = "force-dynamic";

/** A .tlog-proof file for one entry, with the entry inside: verifiable offline with `npx terrane verify`. */
export const GET = apiRoute({
  auth: "required",
  params: z.object({ tenant: safeText(), entry: safeText().max(200) }),
  handler: async ({ actor, params, path }) => {
    const proof = await tenantEntryProof(actor, params.tenant, params.entry, { surface: "api", path });
    return textResponse(proof.text, "text/plain; charset=utf-8", {
      "content-disposition": `attachment; filename="${params.tenant}-entry-${proof.index}.tlog-proof"`,
    });
  },
});
