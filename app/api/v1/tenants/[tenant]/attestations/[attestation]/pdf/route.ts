import { apiRoute } from "@/platform/http/api-route";
import { clientAddress } from "@/platform/auth/client-address";
import { attestationParams } from "@/modules/attestations/api-schemas";
import { attestationPdf } from "@/modules/attestations/server/reads";

export const dynamic = "force-dynamic";

/** The attestation as a readable PDF (an auditor's copy is watermarked with who downloaded it). */
export const GET = apiRoute({
  auth: "required",
  params: attestationParams,
  handler: async ({ actor, params, path, request }) => {
    const served = await attestationPdf(actor, params.tenant, params.attestation, {
      surface: "api",
      path,
      ip: clientAddress(request.headers),
    });
    return new Response(new Uint8Array(served.bytes), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${served.fileName}"`,
        "content-digest": `sha-256=:${Buffer.from(served.sha256, "hex").toString("base64")}:`,
        "x-terrane-download-id": served.downloadId,
        "cache-control": "no-store",
      },
    });
  },
});
