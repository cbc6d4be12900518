import { apiRoute } from "@/platform/http/api-route";
import { digestedDownload } from "@/platform/http/download";
import { drillParams } from "@/modules/drills/api-schemas";
import { drillReport } from "@/modules/drills/server/reads";

export const dynamic = "force-dynamic";

/** The signed drill report (DSSE), byte for byte what its digest names (Content-Digest, RFC 9530). */
export const GET = apiRoute({
  auth: "required",
  params: drillParams,
  handler: async ({ actor, params, path }) =>
    digestedDownload(await drillReport(actor, params.tenant, params.id, { surface: "api", path }), "application/json"),
});
