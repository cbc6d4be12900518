import { apiRoute } from "@/platform/http/api-route";
import { digestedDownload } from "@/platform/http/download";
import { tenantParams } from "@/platform/http/params";
import { indexQuery } from "@/modules/attestations/api-schemas";
import { attestationIndex } from "@/modules/attestations/server/reads";

export const dynamic = "force-dynamic";

/** The signed index of the tenant's attestations (the newest version, or `?version=`). */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  query: indexQuery,
  handler: async ({ actor, params, query, path }) => {
    const served = await attestationIndex(actor, params.tenant, query.version, { surface: "api", path });
    return digestedDownload(served, "application/json");
  },
});
