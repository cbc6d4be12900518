import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { clientAddress } from "@/platform/auth/client-address";
import { evidenceQuery } from "@/modules/evidence/api-schemas";
import { evidencePackage } from "@/modules/evidence/server/package";

export const dynamic = "force-dynamic";

/** The evidence package of a period, streamed as a ZIP while it is built. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  query: evidenceQuery,
  handler: async ({ actor, params, query, path, request }) => {
    const download = await evidencePackage(actor, params.tenant, query, {
      surface: "api",
      path,
      ip: clientAddress(request.headers),
    });
    return new Response(download.stream, {
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="${download.fileName}"`,
        "x-terrane-download-id": download.downloadId,
        "cache-control": "no-store",
      },
    });
  },
});
